/// Which users and items with no training ratings a model scores from their features, rather than
/// by a fallback (the baseline, popularity).
public struct ColdStartSupport: OptionSet, Sendable, Hashable {
    /// The set's bits.
    public let rawValue: Int

    /// The set with bits `rawValue`.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Items known only by their features.
    public static let items = ColdStartSupport(rawValue: 1)
    /// Users known only by their features.
    public static let users = ColdStartSupport(rawValue: 2)
}
