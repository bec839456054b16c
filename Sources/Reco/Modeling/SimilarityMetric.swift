/// How the distance between two vectors (items' or users') is measured.
public enum SimilarityMetric: String, CaseIterable, Sendable {
    /// Euclidean distance ‖x⁽ⁱ⁾ − x⁽ʲ⁾‖, smaller is more similar (the notebook's course).
    case euclidean
    /// Cosine similarity x⁽ⁱ⁾·x⁽ʲ⁾ / (‖x⁽ⁱ⁾‖‖x⁽ʲ⁾‖), larger is more similar.
    case cosine
}
