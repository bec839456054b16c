/// A two-way map between a dataset's own ids (any strings) and dense indices 0..<count.
///
/// Models work on dense `Int32` indices; people talk in their own ids. `IDMap` translates.
public struct IDMap: Equatable, Sendable {
    /// The ids, in index order: `ids[i]` is the id of index i.
    public private(set) var ids: [String] = []
    private var indexByID: [String: Int32] = [:]

    /// An empty map.
    public init() {}

    /// A map of the given ids, in order. Duplicated ids keep their first index.
    public init<S: Sequence>(_ ids: S) where S.Element == String {
        for id in ids { insert(id) }
    }

    /// Number of ids.
    public var count: Int { ids.count }

    /// The index of `id`, adding it at the end when it is new.
    ///
    /// - Complexity: O(1) amortised.
    @discardableResult
    public mutating func insert(_ id: String) -> Int32 {
        if let index = indexByID[id] { return index }
        let index = Int32(ids.count)
        ids.append(id)
        indexByID[id] = index
        return index
    }

    /// The index of `id`, or `nil` when the map does not know it.
    public func index(of id: String) -> Int? {
        indexByID[id].map(Int.init)
    }

    /// The id at `index`.
    public func id(at index: Int) -> String {
        ids[index]
    }

    /// Up to `count` known ids closest to `id` by edit distance, for "did you mean" messages.
    ///
    /// - Complexity: O(n · |id|²) over the n known ids.
    public func closest(to id: String, count: Int = 3) -> [String] {
        let target = Array(id.unicodeScalars)
        let ranked = ids.map { candidate -> (String, Int) in
            (candidate, Self.editDistance(target, Array(candidate.unicodeScalars)))
        }
        return ranked.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(count).map(\.0)
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Whether the two maps hold the same ids in the same order.
    public static func == (lhs: IDMap, rhs: IDMap) -> Bool { lhs.ids == rhs.ids }
}
