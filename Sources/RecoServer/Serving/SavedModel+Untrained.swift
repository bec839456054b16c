import Reco

extension SavedModel {
    /// The stored ratings this model was not trained on: of users or items it does not know, or
    /// with another value than its training rating of the pair.
    func untrained(_ ratings: [StoredRating]) -> [StoredRating] {
        ratings.filter { rating in
            guard let user = training.userIDs.index(of: rating.user), let item = training.itemIDs.index(of: rating.item)
            else {
                return true
            }
            return training.rating(user: user, item: item) != rating.rating
        }
    }
}
