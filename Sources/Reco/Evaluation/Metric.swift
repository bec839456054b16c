/// A metric named as on the command line: `rmse`, `mae`, `auc`, or a top-N metric with its cut-off
/// such as `ndcg@10`. Formulas are in `RatingMetrics`, `RankingMetrics` and `docs/metrics.md`.
public enum Metric: Hashable, Sendable, CustomStringConvertible {
    /// Root mean squared error of predicted ratings.
    case rmse
    /// Mean absolute error of predicted ratings.
    case mae
    /// |L ∩ Rel| / k.
    case precision(Int)
    /// |L ∩ Rel| / |Rel|.
    case recall(Int)
    /// DCG@k / IDCG@k.
    case ndcg(Int)
    /// Mean average precision at k.
    case map(Int)
    /// 1 / rank of the first hit within k.
    case mrr(Int)
    /// 1 if any of the top k is relevant.
    case hitRate(Int)
    /// Area under the ROC curve over all candidate items.
    case auc
    /// Share of the catalogue recommended to anyone in a top-k list.
    case coverage(Int)
    /// Mean self-information −log₂(popularity) of recommended items.
    case novelty(Int)

    /// Why a metric name was not understood.
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        /// The text that was given.
        public var text: String
        /// What went wrong, for people.
        public var description: String {
            "unknown metric '\(text)': use rmse, mae, auc, or precision@K, recall@K, ndcg@K, map@K, mrr@K, hitrate@K, coverage@K, novelty@K (K ≥ 1)"
        }
    }

    /// Parses `rmse`, `ndcg@10`, … (case-insensitive).
    public init(parsing text: String) throws(ParseError) {
        let lowered = text.lowercased().trimmingCharacters(in: " ")
        let parts = lowered.split(separator: "@", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 {
            switch lowered {
            case "rmse": self = .rmse
            case "mae": self = .mae
            case "auc": self = .auc
            default: throw ParseError(text: text)
            }
            return
        }
        guard parts.count == 2, let k = Int(parts[1]), k >= 1 else { throw ParseError(text: text) }
        switch parts[0] {
        case "precision": self = .precision(k)
        case "recall": self = .recall(k)
        case "ndcg": self = .ndcg(k)
        case "map": self = .map(k)
        case "mrr": self = .mrr(k)
        case "hitrate", "hit-rate", "hr": self = .hitRate(k)
        case "coverage": self = .coverage(k)
        case "novelty": self = .novelty(k)
        default: throw ParseError(text: text)
        }
    }

    /// Parses a comma-separated list.
    public static func list(_ text: String) throws(ParseError) -> [Metric] {
        var result: [Metric] = []
        for part in text.split(separator: ",") where !String(part).trimmingCharacters(in: " ").isEmpty {
            result.append(try Metric(parsing: String(part)))
        }
        return result
    }

    /// The canonical name (`ndcg@10`).
    public var description: String {
        switch self {
        case .rmse: return "rmse"
        case .mae: return "mae"
        case .auc: return "auc"
        case .precision(let k): return "precision@\(k)"
        case .recall(let k): return "recall@\(k)"
        case .ndcg(let k): return "ndcg@\(k)"
        case .map(let k): return "map@\(k)"
        case .mrr(let k): return "mrr@\(k)"
        case .hitRate(let k): return "hitrate@\(k)"
        case .coverage(let k): return "coverage@\(k)"
        case .novelty(let k): return "novelty@\(k)"
        }
    }

    /// Whether the metric judges predicted ratings (rather than a ranking).
    public var isRatingMetric: Bool { self == .rmse || self == .mae }

    /// Whether larger values are better (false for errors).
    public var largerIsBetter: Bool { !isRatingMetric }

    /// The list cut-off, or `nil` for rmse, mae and auc.
    public var cutoff: Int? {
        switch self {
        case .rmse, .mae, .auc: return nil
        case .precision(let k), .recall(let k), .ndcg(let k), .map(let k), .mrr(let k), .hitRate(let k),
            .coverage(let k), .novelty(let k):
            return k
        }
    }
}
