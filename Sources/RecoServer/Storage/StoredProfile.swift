/// A new item or user posted to the service with its features (`POST /v1/items`, `/v1/users`):
/// what feature models serve it by until ratings make it part of a retrained model.
public struct StoredProfile: Sendable, Equatable {
    /// Whether this is an item's profile or a user's.
    public enum Side: String, Sendable {
        case item, user
    }

    /// Item or user.
    public var side: Side
    /// The id, as the client gave it.
    public var id: String
    /// An item's title, when given.
    public var title: String?
    /// The features as `SavedModel`'s feature text: `Sci-Fi;released 1995-1999`, `age=25-34;gender=F`.
    public var features: String

    /// A profile.
    public init(side: Side, id: String, title: String? = nil, features: String) {
        self.side = side
        self.id = id
        self.title = title
        self.features = features
    }
}
