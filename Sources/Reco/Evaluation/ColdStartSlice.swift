/// The parts of a test set by whether its users and items have training ratings: what cold start
/// is measured on (docs/metrics.md).
public enum ColdStartSlice: String, CaseIterable, Sendable, Hashable {
    /// User and item both in training.
    case warm
    /// A trained user and an item with no training rating.
    case coldItems = "cold items"
    /// A user with no training rating and a trained item.
    case coldUsers = "cold users"
    /// Neither in training.
    case bothCold = "both cold"

    /// The slice of a pair.
    static func of(userIsCold: Bool, itemIsCold: Bool) -> ColdStartSlice {
        switch (userIsCold, itemIsCold) {
        case (false, false): return .warm
        case (false, true): return .coldItems
        case (true, false): return .coldUsers
        case (true, true): return .bothCold
        }
    }
}
