/// Top-N metrics over all items a user has not rated in training (no sampled negatives: sampled
/// metrics can rank models inconsistently with the full ranking — Krichene & Rendle, "On Sampled
/// Metrics for Item Recommendation", KDD 2020).
///
/// For a user u with held-out relevant set Rel_u and top-k list L (rel_i = 1 when the item at
/// position i is relevant):
///
/// ```
/// precision@k = |L ∩ Rel| / k
/// recall@k    = |L ∩ Rel| / |Rel|
/// ndcg@k      = DCG / IDCG,  DCG = Σ_{i=1..k} rel_i / log₂(i + 1),  IDCG = Σ_{i=1..min(k,|Rel|)} 1 / log₂(i + 1)
/// map@k       = 1/min(k, |Rel|) · Σ_{i=1..k} precision@i · rel_i
/// mrr@k       = 1 / (position of the first hit), 0 when none in the top k
/// hitrate@k   = 1 when any of the top k is relevant
/// auc         = #{(r, n) : r ∈ Rel ranked above n ∉ Rel} / (|Rel| · |candidates − Rel|)
/// ```
///
/// Each is averaged over the users with at least one relevant item. Across users:
///
/// ```
/// coverage@k  = |∪_u L_u| / |items|
/// novelty@k   = mean over users and positions of −log₂(max(n_i, 1) / |users|), n_i = training raters of i
/// ```
///
/// Ranking is by score, ties by lower item index; NaN scores rank last. A list shorter than k (few
/// candidates) still divides precision by k.
public enum RankingMetrics {
    /// The metrics of one user's ranked list.
    ///
    /// - Parameters:
    ///   - metric: a per-user top-N metric (not `coverage` or `novelty`, which are over all lists).
    ///   - ranked: the user's top items, best first (at least the largest cut-off requested, or all
    ///     candidates when shorter).
    ///   - relevant: the user's relevant held-out items.
    public static func userMetric(_ metric: Metric, ranked: [Int], relevant: Set<Int>) -> Double {
        guard let k = metric.cutoff else { return .nan }
        let list = ranked.prefix(k)
        let hits = list.map { relevant.contains($0) }
        let hitCount = hits.filter { $0 }.count
        switch metric {
        case .precision: return Double(hitCount) / Double(k)
        case .recall: return relevant.isEmpty ? 0 : Double(hitCount) / Double(relevant.count)
        case .ndcg:
            var dcg = 0.0
            for (index, hit) in hits.enumerated() where hit { dcg += 1 / _log2(Double(index + 2)) }
            var ideal = 0.0
            for index in 0..<min(k, relevant.count) { ideal += 1 / _log2(Double(index + 2)) }
            return ideal > 0 ? dcg / ideal : 0
        case .map:
            var sum = 0.0
            var seen = 0
            for (index, hit) in hits.enumerated() where hit {
                seen += 1
                sum += Double(seen) / Double(index + 1)
            }
            let denominator = min(k, relevant.count)
            return denominator > 0 ? sum / Double(denominator) : 0
        case .mrr:
            guard let first = hits.firstIndex(of: true) else { return 0 }
            return 1 / Double(first + 1)
        case .hitRate: return hitCount > 0 ? 1 : 0
        default: return .nan
        }
    }

    /// AUC of one user's full ranking of candidates: the share of (relevant, non-relevant) pairs in
    /// which the relevant item ranks higher.
    public static func auc(rankedCandidates: [Int], relevant: Set<Int>) -> Double {
        var relevantSeen = 0
        var correctPairs = 0
        var negatives = 0
        for item in rankedCandidates {
            if relevant.contains(item) {
                relevantSeen += 1
            } else {
                negatives += 1
                correctPairs += relevantSeen
            }
        }
        guard relevantSeen > 0, negatives > 0 else { return .nan }
        return Double(correctPairs) / Double(relevantSeen * negatives)
    }
}
