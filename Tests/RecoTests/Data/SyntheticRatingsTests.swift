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

    /// The long tail and the half-star scale #16 asks for (a dataset shaped like MovieLens' larger
    /// releases): many items with one or two ratings, values in halves from 0.5 to 5, and the
    /// defaults' output unchanged.
    @Test func longTailAndHalfStars() async throws {
        let moderate = try await generated(SyntheticRatings(users: 1_000, items: 3_000, ratings: 40_000, seed: 3))
        let longTail = try await generated(
            SyntheticRatings(
                users: 1_000, items: 3_000, ratings: 40_000, seed: 3, popularity: .longTail, scale: .halfStars))
        func rarelyRated(_ matrix: RatingMatrix) -> Int {
            (0..<matrix.itemCount).filter { (1...2).contains(matrix.ratingCount(ofItem: $0)) }.count
        }
        func headShare(_ matrix: RatingMatrix) -> Double {
            let counts = (0..<matrix.itemCount).map(matrix.ratingCount(ofItem:)).sorted(by: >)
            return Double(counts.prefix(counts.count / 10).reduce(0, +)) / Double(matrix.count)
        }
        #expect(longTail.count == 40_000 && moderate.count == 40_000)
        #expect(
            rarelyRated(longTail) > 3 * max(rarelyRated(moderate), 1),
            "\(rarelyRated(longTail)) vs \(rarelyRated(moderate))")
        #expect(rarelyRated(longTail) >= 600)
        #expect(headShare(longTail) > headShare(moderate) + 0.15)
        #expect(longTail.userRatings.allSatisfy { $0 >= 0.5 && $0 <= 5 && ($0 * 2).rounded() == $0 * 2 })
        #expect(Set(longTail.userRatings).count == 10)
        #expect(moderate.userRatings.allSatisfy { $0 >= 1 && $0 <= 5 && ($0 * 10).rounded() == $0 * 10 })
        let stars = try await generated(SyntheticRatings(users: 50, items: 40, ratings: 500, seed: 3, scale: .stars))
        #expect(Set(stars.userRatings).isSubset(of: [1, 2, 3, 4, 5]))
        // The default description gives the very ratings it gave before the options existed.
        let before = try await generated(SyntheticRatings(users: 40, items: 25, ratings: 500, rank: 2, seed: 9))
        #expect(before.userRatings.prefix(6).map { $0 } == Self.firstRatingsOfTheDefaultSampler)
    }

    /// `SyntheticRatings(users: 40, items: 25, ratings: 500, rank: 2, seed: 9)`'s first ratings,
    /// recorded from the sampler before the popularity and scale options were added.
    static let firstRatingsOfTheDefaultSampler: [Float] = [2.7, 4, 2.5, 2, 4.3, 1.9]
}
