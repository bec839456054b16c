import Reco
import RecoTestSupport
import Testing

/// Laws of the ranking metrics, over 100 seeded random rankings each.
@Suite("Metric properties")
struct MetricPropertyTests {
    /// A random ranking of a random catalogue and a non-empty random relevant set.
    static func rankingCase(_ property: inout PropertyCase) -> (ranked: [Int], relevant: Set<Int>, k: Int) {
        let items = property.int(in: 1...40)
        let ranked = property.shuffled(Array(0..<items))
        let relevant = Set((0..<property.int(in: 1...items)).map { _ in property.int(in: 0...(items - 1)) })
        return (ranked, relevant, property.int(in: 1...15))
    }

    static func metrics(_ k: Int) -> [Metric] {
        [.precision(k), .recall(k), .ndcg(k), .map(k), .mrr(k), .hitRate(k)]
    }

    @Test("every per-user metric lies in [0, 1], AUC too")
    func metricsAreInTheUnitInterval() {
        for var property in PropertyCases(seed: 201).prefix(100) {
            let (ranked, relevant, k) = Self.rankingCase(&property)
            for metric in Self.metrics(k) {
                let value = RankingMetrics.userMetric(metric, ranked: ranked, relevant: relevant)
                #expect((0...1).contains(value), "\(property): \(metric) = \(value)")
            }
            let auc = RankingMetrics.auc(rankedCandidates: ranked, relevant: relevant)
            #expect((0...1).contains(auc) || auc.isNaN && relevant.count == ranked.count, "\(property): auc \(auc)")
        }
    }

    @Test("a perfect ranking (every relevant item first) scores 1 where the metric can reach it")
    func perfectRankingScoresOne() {
        for var property in PropertyCases(seed: 202).prefix(100) {
            let (ranked, relevant, k) = Self.rankingCase(&property)
            let perfect =
                property.shuffled(Array(relevant)) + property.shuffled(ranked.filter { !relevant.contains($0) })
            func value(_ metric: Metric) -> Double {
                RankingMetrics.userMetric(metric, ranked: perfect, relevant: relevant)
            }
            #expect(value(.ndcg(k)) == 1, "\(property)")
            #expect(value(.map(k)) == 1, "\(property)")
            #expect(value(.mrr(k)) == 1, "\(property)")
            #expect(value(.hitRate(k)) == 1, "\(property)")
            #expect(value(.recall(k)) == (relevant.count <= k ? 1 : Double(k) / Double(relevant.count)), "\(property)")
            #expect(value(.precision(k)) == Double(min(k, relevant.count)) / Double(k), "\(property)")
            if relevant.count < perfect.count {
                #expect(RankingMetrics.auc(rankedCandidates: perfect, relevant: relevant) == 1, "\(property)")
                let worst = Array(perfect.reversed())
                #expect(RankingMetrics.auc(rankedCandidates: worst, relevant: relevant) == 0, "\(property)")
            }
        }
    }
}
