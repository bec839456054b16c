/// Why a model gives item `item` its score for a user: terms that add up to `score` (to float
/// rounding), largest contribution first.
///
/// ```swift
/// let why = model.explain(user: 0, item: 49, training: ratings)
/// for term in why.top(3).terms { print(term.label, term.contribution) }
/// ```
public struct Explanation: Sendable, Equatable {
    /// The item explained (index).
    public let item: Int
    /// The model's score of the item for the user (what `scores(forUser:)` or the fold-in gives).
    public let score: Float
    /// The terms, sorted by absolute contribution, largest first.
    public private(set) var terms: [ExplanationTerm]

    /// An explanation of `score` by `terms`; terms that add nothing are left out and the rest sorted
    /// by absolute contribution (stable).
    public init(item: Int, score: Float, terms: [ExplanationTerm]) {
        self.item = item
        self.score = score
        // One integer key per kept term: |contribution| descending (the bits of a non-negative
        // float order as the float does, so their complement orders the other way), then position.
        var keys = [UInt64]()
        keys.reserveCapacity(terms.count)
        for position in terms.indices where terms[position].contribution != 0 {
            keys.append(UInt64(~abs(terms[position].contribution).bitPattern) << 32 | UInt64(position))
        }
        keys.sort()
        self.terms = keys.map { terms[Int($0 & 0xFFFF_FFFF)] }
    }

    /// The sum of the terms' contributions, in `Double`.
    public var total: Double { terms.reduce(0) { $0 + Double($1.contribution) } }

    /// Σ |contribution|: the scale float rounding of the sum is relative to.
    public var magnitude: Double { terms.reduce(0) { $0 + Double(abs($1.contribution)) } }

    /// The `count` largest terms, with the rest summed into one `.other` term (so the sum holds).
    public func top(_ count: Int) -> Explanation {
        guard terms.count > count else { return self }
        let kept = Array(terms.prefix(max(count, 0)))
        let rest = terms.dropFirst(max(count, 0))
        let other = rest.reduce(0.0) { $0 + Double($1.contribution) }
        var result = self
        result.terms = kept + [ExplanationTerm(.other, Float(other), label: "\(rest.count) other reasons")]
        return result
    }

    /// The `count` largest terms that tell this item from the user's others: the terms every item
    /// of the user's list shares (the mean, the user's bias, a blend's intercept) are left out.
    public func reasons(_ count: Int) -> [ExplanationTerm] {
        Array(terms.lazy.filter { ![.mean, .userBias, .intercept].contains($0.kind) }.prefix(max(count, 0)))
    }

    /// The same explanation with labels naming items by `itemName` (an id or title).
    public func labelled(itemName: (Int) -> String) -> Explanation {
        var result = self
        for index in result.terms.indices {
            if let item = result.terms[index].item { result.terms[index].itemName = itemName(item) }
        }
        return result
    }

    /// Every term scaled by `weight` and tagged with `component` (a blend's parts).
    func weighted(_ weight: Float, component: String) -> [ExplanationTerm] {
        terms.map { term in
            var term = term
            term.contribution *= weight
            term.component = component
            return term
        }
    }
}
