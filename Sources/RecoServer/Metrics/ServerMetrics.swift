public import Prometheus

/// The service's Prometheus metrics: requests and latency per route, ratings ingested, the model
/// version served and how long retrains take. `/metrics` prints them in Prometheus's text format.
public final class ServerMetrics: Sendable {
    /// The registry the metrics live in.
    public let registry: PrometheusCollectorRegistry
    private let ratingsIngested: Counter
    private let modelVersion: Gauge
    private let retrainDuration: DurationHistogram

    static let latencyBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .seconds(5),
    ]

    /// Fresh metrics in their own registry.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        ratingsIngested = registry.makeCounter(
            descriptor: Self.name("ratings_ingested", unit: "total", help: "Ratings stored through POST /v1/ratings."))
        modelVersion = registry.makeGauge(
            descriptor: Self.name("model_version", unit: "", help: "Version of the model being served."))
        retrainDuration = registry.makeDurationHistogram(
            descriptor: Self.name(
                "retrain_duration", unit: "seconds",
                help: "Wall time of a retrain, from reading the database to the swap."),
            buckets: [
                .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5), .seconds(15), .seconds(60),
                .seconds(300), .seconds(1800),
            ])
    }

    private static func name(_ metric: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "reco", subsystem: "", metricName: metric, unitName: unit, helpText: help)
    }

    /// Records one answered request: its route (the pattern, not the path), method, status and time.
    public func request(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: Self.name(
                "http_requests", unit: "total", help: "HTTP requests answered, by route, method and status."),
            labels: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: Self.name(
                "http_request_duration", unit: "seconds", help: "Time to answer an HTTP request, by route."),
            labels: [("route", route), ("method", method)], buckets: Self.latencyBuckets
        ).record(duration)
    }

    /// Counts stored ratings.
    public func ingested(_ count: Int) {
        ratingsIngested.increment(by: Int64(count))
    }

    /// Sets the version of the model being served.
    public func serving(version: Int) {
        modelVersion.set(to: Double(version))
    }

    /// Records a finished retrain.
    public func retrained(seconds: Double, version: Int) {
        retrainDuration.record(.nanoseconds(Int64(seconds * 1e9)))
        serving(version: version)
    }

    /// Every metric in Prometheus's text exposition format.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
