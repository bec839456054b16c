/// One additive part of a score: what it is, how much it adds, and a label a person can read.
public struct ExplanationTerm: Sendable, Equatable {
    /// What a term stands for.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// μ, the mean rating (or a model's constant offset).
        case mean
        /// b_u: how this user rates compared with the mean.
        case userBias = "user-bias"
        /// b_i: how this item is rated compared with the mean.
        case itemBias = "item-bias"
        /// An item the user rated, pulling the score up or down.
        case ratedItem = "rated-item"
        /// An item feature (a genre, a release period).
        case itemFeature = "item-feature"
        /// A user feature (an age group, an occupation).
        case userFeature = "user-feature"
        /// The part of a factor model's score the rated items do not account for.
        case residual
        /// How many users interacted with the item.
        case popularity
        /// A blend's intercept.
        case intercept
        /// A blend clipping a component's estimate to the rating scale.
        case clipping
        /// The terms left out of a top-N explanation, summed.
        case other
    }

    /// What the term stands for.
    public var kind: Kind
    /// How much it adds to the score (negative: it lowers it).
    public var contribution: Float
    /// The item (index) a `.ratedItem` term is about.
    public var item: Int?
    /// The user's rating of that item.
    public var rating: Float?
    /// The term's strings, boxed: an explanation holds a term per rated item, most with no string,
    /// and a term then copies and frees with one reference instead of four.
    private var names: Names?

    /// The feature a `.itemFeature` or `.userFeature` term is about.
    public var feature: String? {
        get { names?.feature }
        set { updateNames { $0.feature = newValue } }
    }
    /// The blend component (model name) the term comes from, for blends.
    public var component: String? {
        get { names?.component }
        set { updateNames { $0.component = newValue } }
    }
    /// How the label names `item` (a title or id; `nil`: "item #index").
    public var itemName: String? {
        get { names?.itemName }
        set { updateNames { $0.itemName = newValue } }
    }
    /// A label given in place of the one made from the fields.
    public var customLabel: String? {
        get { names?.customLabel }
        set { updateNames { $0.customLabel = newValue } }
    }

    /// A human label ("because of Empire Strikes Back (rated 5★)", "Sci-Fi"), made when asked for.
    public var label: String {
        customLabel
            ?? Self.label(kind: kind, item: itemName ?? item.map { "item #\($0)" }, rating: rating, feature: feature)
    }

    /// A term; without `label`, its label is made from its fields (`ExplanationTerm.label(...)`).
    public init(
        _ kind: Kind, _ contribution: Float, item: Int? = nil, rating: Float? = nil, feature: String? = nil,
        component: String? = nil, label: String? = nil
    ) {
        self.kind = kind
        self.contribution = contribution
        self.item = item
        self.rating = rating
        let strings = Names.Strings(feature: feature, component: component, itemName: nil, customLabel: label)
        names = strings.isEmpty ? nil : Names(strings)
    }

    /// Terms are equal when every field is, boxed strings included.
    public static func == (lhs: ExplanationTerm, rhs: ExplanationTerm) -> Bool {
        lhs.kind == rhs.kind && lhs.contribution == rhs.contribution && lhs.item == rhs.item
            && lhs.rating == rhs.rating && lhs.names?.strings == rhs.names?.strings
    }

    /// Changes the boxed strings (a new box: terms share boxes, which never change).
    private mutating func updateNames(_ change: (inout Names.Strings) -> Void) {
        var strings = names?.strings ?? Names.Strings()
        change(&strings)
        names = strings.isEmpty ? nil : Names(strings)
    }

    /// The label of a term of `kind` about `item` (a name), `rating` and `feature`.
    public static func label(kind: Kind, item: String?, rating: Float?, feature: String?) -> String {
        switch kind {
        case .mean: return "average rating"
        case .userBias: return "this user's rating habit"
        case .itemBias: return "how this item is rated"
        case .ratedItem:
            let name = item ?? "an item"
            guard let rating else { return "because of \(name)" }
            let stars = rating == rating.rounded() ? String(Int(rating)) : String(rating)
            return "because of \(name) (rated \(stars)★)"
        case .itemFeature: return feature ?? "an item feature"
        case .userFeature: return feature.map { "user: \($0)" } ?? "a user feature"
        case .residual: return "taste not explained by single ratings"
        case .popularity: return "popularity"
        case .intercept: return "blend intercept"
        case .clipping: return "clipped to the rating scale"
        case .other: return "other reasons"
        }
    }
}

/// The strings of an `ExplanationTerm`, immutable and shared between copies.
private final class Names: Sendable {
    /// The four optional strings.
    struct Strings: Equatable, Sendable {
        var feature: String?
        var component: String?
        var itemName: String?
        var customLabel: String?

        /// Whether all four are `nil`.
        var isEmpty: Bool { feature == nil && component == nil && itemName == nil && customLabel == nil }
    }

    /// The strings.
    let strings: Strings

    init(_ strings: Strings) { self.strings = strings }

    var feature: String? { strings.feature }
    var component: String? { strings.component }
    var itemName: String? { strings.itemName }
    var customLabel: String? { strings.customLabel }
}
