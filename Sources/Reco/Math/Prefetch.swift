internal import CRecoSupport

/// Cache prefetch hints for loops that jump between rows of a factor matrix in an order the
/// hardware prefetcher cannot guess (SGD over shuffled ratings).
enum Prefetch {
    /// How many ratings ahead the SGD loops ask for their vectors: far enough for a line to arrive
    /// from memory, near enough that it is still in cache when used.
    static let distance = 8

    /// Hints that `count` floats from `vector` are read and written soon: one hint per 64-byte line.
    @inline(__always)
    static func vector(_ vector: UnsafePointer<Float>, count: Int) {
        var offset = 0
        while offset < count {
            reco_prefetch(vector + offset)
            offset += 16
        }
    }
}
