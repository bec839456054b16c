/// One item and its score in a ranked list.
public struct ScoredItem: Equatable, Sendable {
    /// The item's dense index.
    public var item: Int
    /// The score it was ranked by (a predicted rating, a similarity, …).
    public var score: Float

    /// Creates a scored item.
    public init(item: Int, score: Float) {
        self.item = item
        self.score = score
    }
}

/// Keeps the `k` best of a stream of scored items with a bounded min-heap, never sorting the stream.
///
/// Higher scores rank first; equal scores rank by lower item index, so lists are deterministic.
/// NaN scores are never selected.
///
/// - Complexity: O(n log k) for n offered items.
public struct TopK {
    /// How many items are kept.
    public let capacity: Int
    private var heap: [ScoredItem] = []

    /// Creates an empty selection of at most `capacity` items.
    public init(capacity: Int) {
        precondition(capacity >= 0, "capacity must not be negative")
        self.capacity = capacity
        heap.reserveCapacity(capacity)
    }

    /// `a` ranks below `b`: lower score, or the same score and a higher index.
    @inline(__always)
    private static func ranksBelow(_ a: ScoredItem, _ b: ScoredItem) -> Bool {
        a.score < b.score || (a.score == b.score && a.item > b.item)
    }

    /// Offers one item.
    public mutating func insert(item: Int, score: Float) {
        guard capacity > 0, !score.isNaN else { return }
        let candidate = ScoredItem(item: item, score: score)
        if heap.count < capacity {
            heap.append(candidate)
            siftUp(heap.count - 1)
        } else if Self.ranksBelow(heap[0], candidate) {
            heap[0] = candidate
            siftDown(0)
        }
    }

    /// The kept items, best first.
    public func sorted() -> [ScoredItem] {
        heap.sorted { Self.ranksBelow($1, $0) }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.ranksBelow(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var smallest = left
            if left + 1 < heap.count, Self.ranksBelow(heap[left + 1], heap[left]) { smallest = left + 1 }
            guard Self.ranksBelow(heap[smallest], heap[parent]) else { return }
            heap.swapAt(smallest, parent)
            parent = smallest
        }
    }
}
