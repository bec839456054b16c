import Foundation
import RecoTestSupport
import Testing

@testable import Reco

/// `reco generate`'s sampler: exact counts at every size `validate` accepts, and refusals otherwise.
@Suite struct SyntheticRatingsTests {
    /// Generates on another thread, so that a sampler that never ends fails the test at the deadline
    /// instead of hanging the run.
    private func generated(_ spec: SyntheticRatings) async throws -> RatingMatrix {
        let result = Locked<RatingMatrix?>(nil)
        DispatchQueue.global().async { result.withLock { $0 = try? spec.generate() } }
        try await waitUntil(
            "\(spec.users) users × \(spec.items) items × \(spec.ratings) ratings", timeout: .seconds(30)
        ) {
            result.withLock { $0 != nil }
        }
        return try #require(result.withLock { $0 })
    }

    /// 12 users × 9 items × 50 ratings used to loop for ever: each user was capped at 9 / 2 = 4 items,
    /// 48 in all. Odd catalogues and the largest accepted count now come out exact.
    @Test(arguments: [(12, 9, 50), (12, 9, 54), (3, 3, 4), (1, 1, 0), (7, 2, 7), (40, 25, 500)])
    func exactCountsUpToHalfTheMatrix(users: Int, items: Int, ratings: Int) async throws {
        let spec = SyntheticRatings(users: users, items: items, ratings: max(ratings, users), rank: 2, seed: 9)
        guard (try? spec.validate()) != nil else {
            // (1, 1, 1): one rating is more than half of a 1 × 1 matrix.
            #expect(users * items < 2 * spec.ratings)
            return
        }
        let matrix = try await generated(spec)
        #expect(matrix.count == spec.ratings)
        #expect(matrix.userCount == users && matrix.itemCount == items)
        for user in 0..<users {
            let rated = matrix.userItems[matrix.userRange(user)]
            #expect(!rated.isEmpty && rated.count <= (items + 1) / 2)
            #expect(Set(rated).count == rated.count, "user \(user) rates an item twice")
        }
    }

    @Test func refusesFewerRatingsThanUsersAndMoreThanHalf() {
        #expect(throws: ModelError.self) { try SyntheticRatings(users: 12, items: 9, ratings: 5).validate() }
        #expect(throws: ModelError.self) { try SyntheticRatings(users: 12, items: 9, ratings: 55).validate() }
        do {
            try SyntheticRatings(users: 12, items: 9, ratings: 5).validate()
            Issue.record("5 ratings for 12 users accepted")
        } catch {
            #expect(error.description.contains("(12: each rates at least one item)"), "\(error)")
            #expect(error.description.contains("(54)"), "\(error)")
        }
    }
}
