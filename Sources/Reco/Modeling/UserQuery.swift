/// A user to score items for: one the model was trained on, or a new one known by features
/// (age group, occupation, …), by ratings given since, or by both.
public struct UserQuery: Sendable, Equatable {
    /// The user's index in the training data, when the model was trained on them.
    public var user: Int?
    /// The user's features in the order of the model's `userFeatureNames`, when known.
    public var features: [Float]?
    /// Items (indices) the user rated that the model was not trained on.
    public var items: [Int]
    /// Their ratings, parallel to `items`.
    public var ratings: [Float]

    /// A query.
    ///
    /// - Precondition: one rating per item.
    public init(user: Int? = nil, features: [Float]? = nil, items: [Int] = [], ratings: [Float] = []) {
        precondition(items.count == ratings.count, "one rating per item")
        self.user = user
        self.features = features
        self.items = items
        self.ratings = ratings
    }

    /// A user the model was trained on.
    public static func trained(_ user: Int) -> UserQuery { UserQuery(user: user) }
}
