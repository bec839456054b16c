/// A rating as the service stores it: ids as given by clients, the value and when it was made.
public struct StoredRating: Sendable, Equatable {
    /// The row id in the database (0 until stored).
    public var id: Int64
    /// The user's id.
    public var user: String
    /// The item's id.
    public var item: String
    /// The rating.
    public var rating: Float
    /// Seconds since 1970.
    public var timestamp: Int64

    /// A rating; `id` is assigned by the database.
    public init(id: Int64 = 0, user: String, item: String, rating: Float, timestamp: Int64) {
        self.id = id
        self.user = user
        self.item = item
        self.rating = rating
        self.timestamp = timestamp
    }
}
