/// Who an explanation is for: a user the model was trained on, with the ratings it was trained on,
/// or a new user known by posted ratings and features (explained as their fold-in).
public struct ExplainedUser: Sendable, Equatable {
    /// The user's index in the training data, for a trained user; `nil` for a new user.
    public var user: Int?
    /// A new user's features in the order of the model's `userFeatureNames`, when known.
    public var features: [Float]?
    /// Every item (index) the user rated: a trained user's training ratings, a new user's posted ones.
    public var items: [Int]
    /// Their ratings, parallel to `items`.
    public var ratings: [Float]

    /// A user.
    ///
    /// - Precondition: one rating per item.
    public init(user: Int?, features: [Float]? = nil, items: [Int], ratings: [Float]) {
        precondition(items.count == ratings.count, "one rating per item")
        self.user = user
        self.features = features
        self.items = items
        self.ratings = ratings
    }

    /// Trained user `user` with their ratings in `training`.
    public static func trained(_ user: Int, in training: RatingMatrix) -> ExplainedUser {
        let range = user < training.userCount ? training.userRange(user) : 0..<0
        return ExplainedUser(
            user: user, items: training.userItems[range].map(Int.init), ratings: Array(training.userRatings[range]))
    }

    /// A new user known by `items` they rated with `ratings` (and `features`): the fold-in.
    public static func new(features: [Float]? = nil, items: [Int], ratings: [Float]) -> ExplainedUser {
        ExplainedUser(user: nil, features: features, items: items, ratings: ratings)
    }

    /// The query whose scores this user's explanations add up to.
    public var query: UserQuery {
        if let user { return UserQuery(user: user) }
        return UserQuery(features: features, items: items, ratings: ratings)
    }
}
