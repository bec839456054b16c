import ArgumentParser

/// `--seed`: every random choice a command makes (splits, random starts, sampling) comes from it.
struct SeedOption: ParsableArguments {
    @Option(help: "Seed of every random choice (split, random starts, sampling): the same seed gives the same result.")
    var seed: UInt64 = 42
}
