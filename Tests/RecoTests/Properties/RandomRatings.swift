import Foundation
import Reco
import RecoTestSupport

extension PropertyCase {
    /// An id of 1–8 characters from letters, digits, what delimited files must keep (spaces, dots,
    /// dashes, quotes, commas, semicolons, tabs) and non-ASCII letters, made unique by `suffix`.
    mutating func id(suffix: Int) -> String {
        let alphabet = Array("abcxyzABZ0189 .-_'\",;\téß★")
        let body = String((0..<int(in: 1...8)).map { _ in alphabet[int(in: 0...(alphabet.count - 1))] })
        // No id may start or end with a space (readers trim fields).
        return "\(body.trimmingCharacters(in: .whitespaces))#\(suffix)"
    }

    /// A random rating matrix: 1–25 users × 1–20 items, density 5–60 %, every user and item with at
    /// least one rating, values on the half-star 1…5 scale or (when `anyValues`) any float in
    /// 0.5…10; ids from `id(suffix:)` when `strangeIDs`, "u0"/"i0" style otherwise.
    mutating func ratings(strangeIDs: Bool = false, anyValues: Bool = false) -> RatingMatrix {
        let users = int(in: 1...25), items = int(in: 1...20)
        let density = double(in: 0.05...0.6)
        var pairs = Set<[Int32]>()
        for user in 0..<users { pairs.insert([Int32(user), Int32(int(in: 0...(items - 1)))]) }
        for item in 0..<items { pairs.insert([Int32(int(in: 0...(users - 1))), Int32(item)]) }
        for user in 0..<users {
            for item in 0..<items where chance(density) { pairs.insert([Int32(user), Int32(item)]) }
        }
        let ordered = shuffled(pairs.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) })
        let values = ordered.map { _ in
            anyValues ? Float(double(in: 0.5...10)) : Float(int(in: 2...10)) / 2
        }
        let userIDs = (0..<users).map { strangeIDs ? id(suffix: $0) : "u\($0)" }
        let itemIDs = (0..<items).map { strangeIDs ? id(suffix: $0) : "i\($0)" }
        return RatingMatrix(
            userIDs: IDMap(userIDs), itemIDs: IDMap(itemIDs),
            ratings: RatingList(users: ordered.map { $0[0] }, items: ordered.map { $0[1] }, values: values))
    }
}

extension RatingMatrix {
    /// Every rating as (user id, item id, value).
    var entries: [Entry] {
        (0..<userCount).flatMap { user in
            userRange(user).map { p in
                Entry(user: userIDs.id(at: user), item: itemIDs.id(at: Int(userItems[p])), value: userRatings[p])
            }
        }
    }

    /// One rating by ids.
    struct Entry: Hashable {
        let user: String
        let item: String
        let value: Float
    }
}
