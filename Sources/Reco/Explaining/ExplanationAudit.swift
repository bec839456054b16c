/// A check of a model's explanations on seeded (user, item) pairs: whether every explanation adds
/// up to its score, and what explaining costs.
public struct ExplanationAudit: Sendable {
    /// Pairs explained.
    public let pairs: Int
    /// The largest |Σ terms − score| / max(|score|, Σ |terms|) seen.
    public let worstRelativeError: Double
    /// Pairs whose gap exceeded `tolerance`.
    public let failures: Int
    /// The relative gap allowed.
    public let tolerance: Double
    /// Seconds to explain one item for one user (factorisation included), per pair.
    public let singleSeconds: [Double]
    /// Seconds to recommend 10 items to a user and explain each, per user sampled.
    public let topTenSeconds: [Double]

    /// Whether every explanation added up.
    public var passed: Bool { failures == 0 }

    /// Audits `saved` on `pairs` pairs drawn with `seed` (users with at least one rating, any item),
    /// and times top-10 lists with reasons for up to 100 of those users.
    public static func run(_ saved: SavedModel, pairs: Int, seed: UInt64, tolerance: Double = 1e-4) -> ExplanationAudit
    {
        let training = saved.training
        let model = saved.model
        let users = (0..<training.userCount).filter { training.ratingCount(ofUser: $0) > 0 }
        var generator = SeededGenerator(seed: seed)
        var worst = 0.0
        var failures = 0
        var single: [Double] = []
        var sampled: [Int] = []
        for _ in 0..<pairs where !users.isEmpty {
            let user = users[Int.random(in: 0..<users.count, using: &generator)]
            let item = Int.random(in: 0..<training.itemCount, using: &generator)
            let start = ContinuousClock.now
            let explanation = model.explain(items: [item], for: .trained(user, in: training))![0]
            single.append(seconds(since: start))
            let scale = max(Double(abs(explanation.score)), explanation.magnitude, 1e-6)
            let gap = abs(explanation.total - Double(explanation.score)) / scale
            worst = max(worst, gap)
            if !(gap <= tolerance) { failures += 1 }
            if sampled.count < 100 { sampled.append(user) }
        }
        var topTen: [Double] = []
        for user in sampled {
            let start = ContinuousClock.now
            let items = model.recommend(user: user, count: 10, excludingRatedIn: training).map(\.item)
            _ = saved.reasons(items: items, for: .trained(user, in: training))
            topTen.append(seconds(since: start))
        }
        return ExplanationAudit(
            pairs: single.count, worstRelativeError: worst, failures: failures, tolerance: tolerance,
            singleSeconds: single, topTenSeconds: topTen)
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
