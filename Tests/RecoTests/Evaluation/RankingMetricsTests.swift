import Foundation
import RealModule
import Reco
import RecoTestSupport
import Testing

struct RankingMetricsTests {
    // Ranked list [3, 1, 7, 2, 9]; relevant {1, 2, 5}: hits at positions 2 and 4.
    let ranked = [3, 1, 7, 2, 9]
    let relevant: Set<Int> = [1, 2, 5]

    func value(_ metric: Metric, _ ranked: [Int]? = nil, _ relevant: Set<Int>? = nil) -> Double {
        RankingMetrics.userMetric(metric, ranked: ranked ?? self.ranked, relevant: relevant ?? self.relevant)
    }

    @Test func handComputedExampleAtFive() {
        #expect(value(.precision(5)) == 0.4)
        #expect(value(.recall(5)).isApproximatelyEqual(to: 2.0 / 3))
        // DCG = 1/log2(3) + 1/log2(5); IDCG = 1 + 1/log2(3) + 1/log2(4) over min(5, 3) = 3 hits.
        let dcg = 1 / Foundation.log2(3.0) + 1 / Foundation.log2(5.0)
        let idcg = 1 + 1 / Foundation.log2(3.0) + 0.5
        #expect(value(.ndcg(5)).isApproximatelyEqual(to: dcg / idcg))
        #expect(value(.ndcg(5)).isApproximatelyEqual(to: 0.498_19, absoluteTolerance: 1e-5))
        // AP = (1/min(5, 3)) · (P@2 + P@4) = (1/3)(1/2 + 2/4).
        #expect(value(.map(5)).isApproximatelyEqual(to: 1.0 / 3))
        #expect(value(.mrr(5)) == 0.5)
        #expect(value(.hitRate(5)) == 1)
    }

    @Test func cutOffBeforeTheFirstHit() {
        #expect(value(.precision(1)) == 0)
        #expect(value(.recall(1)) == 0)
        #expect(value(.ndcg(1)) == 0)
        #expect(value(.map(1)) == 0)
        #expect(value(.mrr(1)) == 0)
        #expect(value(.hitRate(1)) == 0)
    }

    @Test func noRelevantItemsScoresZero() {
        for metric in [Metric.precision(3), .recall(3), .ndcg(3), .map(3), .mrr(3), .hitRate(3)] {
            #expect(value(metric, nil, []) == 0, "\(metric)")
        }
    }

    @Test func cutOffLargerThanTheCandidateList() {
        // Two candidates only, k = 10: precision still divides by k; the rest are perfect.
        let short = [1, 4]
        #expect(value(.precision(10), short, [1]) == 0.1)
        #expect(value(.recall(10), short, [1]) == 1)
        #expect(value(.ndcg(10), short, [1]) == 1)
        #expect(value(.map(10), short, [1]) == 1)
        #expect(value(.mrr(10), short, [1]) == 1)
    }

    @Test func perfectRankingHasNDCGOne() {
        #expect(value(.ndcg(3), [5, 2, 1, 8], [1, 2, 5]) == 1)
        #expect(value(.map(3), [5, 2, 1, 8], [1, 2, 5]) == 1)
    }

    @Test func aucCountsCorrectlyOrderedPairs() {
        // Order a, b, c, d with relevant {b, d}: of the 4 (relevant, other) pairs only (b, c) is right.
        #expect(RankingMetrics.auc(rankedCandidates: [0, 1, 2, 3], relevant: [1, 3]) == 0.25)
        #expect(RankingMetrics.auc(rankedCandidates: [1, 3, 0, 2], relevant: [1, 3]) == 1)
        #expect(RankingMetrics.auc(rankedCandidates: [1, 3], relevant: [1, 3]).isNaN)
    }

    @Test func metricNamesParseAndPrint() throws {
        #expect(try Metric.list("rmse, MAE,ndcg@10,hitrate@5,auc") == [.rmse, .mae, .ndcg(10), .hitRate(5), .auc])
        #expect(Metric.ndcg(10).description == "ndcg@10")
        #expect(throws: Metric.ParseError.self) { try Metric(parsing: "ndcg@0") }
        #expect(throws: Metric.ParseError.self) { try Metric(parsing: "f1@10") }
        #expect(throws: Metric.ParseError.self) { try Metric(parsing: "rmse@10") }
    }
}
