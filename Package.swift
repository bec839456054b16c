// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// `RECO_TARGET_CPU=native swift build -c release` (or any CPU name LLVM knows, e.g. `haswell`) builds
/// the library for that CPU: AVX2 and fused multiply-adds in the kernels, biased-mf about 1.5× faster.
/// The binary then runs only on such CPUs, and a package with these flags cannot be a versioned
/// dependency, so the default build targets any x86-64 / arm64.
let targetCPU = Context.environment["RECO_TARGET_CPU"].flatMap { $0.isEmpty ? nil : $0 }
let cpuSettings: [SwiftSetting] = targetCPU.map { [.unsafeFlags(["-target-cpu", $0]), .define("RECO_FMA")] } ?? []

let package = Package(
    name: "Reco",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Reco", targets: ["Reco"]),
        .executable(name: "reco", targets: ["reco"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        // The service (`reco serve`): HTTP, SQLite storage, signals, Prometheus metrics.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // `swift package generate-documentation --target Reco` (the catalog in Sources/Reco/Reco.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // A CPU hint Swift cannot spell (cache prefetch), used by the SGD loop.
        .target(name: "CRecoSupport"),
        .target(
            name: "Reco",
            dependencies: ["CRecoSupport", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: strictSettings + cpuSettings
        ),
        .target(
            name: "RecoServer",
            dependencies: [
                "Reco",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "reco",
            dependencies: [
                "Reco",
                "RecoServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        // Fixtures, deadlines and the approximate comparison every test target shares.
        .target(
            name: "RecoTestSupport",
            dependencies: ["Reco", .product(name: "RealModule", package: "swift-numerics")],
            path: "Tests/RecoTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RecoTests",
            dependencies: [
                "Reco",
                "RecoTestSupport",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RecoCLITests",
            dependencies: [
                "reco", "Reco", "RecoTestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RecoServerTests",
            dependencies: [
                "Reco",
                "RecoServer",
                "RecoTestSupport",
                // Built first so the durability test can start `reco serve` as a subprocess.
                "reco",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)

/// `RECO_FUZZ=1` adds `reco-fuzz`, the libFuzzer targets over every parser (`Fuzz/`,
/// `Benchmarks/fuzz.sh`): its `main` is libFuzzer's driver, so it links only with `-sanitize=fuzzer`.
if Context.environment["RECO_FUZZ"] != nil {
    package.targets += [
        .target(name: "RecoFuzzDriver", path: "Fuzz/Driver"),
        .executableTarget(
            name: "reco-fuzz",
            dependencies: [
                "Reco", "RecoServer", "RecoFuzzDriver", .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Fuzz/Targets", swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ]
    package.products.append(.executable(name: "reco-fuzz", targets: ["reco-fuzz"]))
}
