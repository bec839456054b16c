import Foundation
import Reco
import RecoTestSupport
import Testing

@Suite("Rating models that rank")
struct InterestRankerTests {
    /// Missing not at random, planted: 300 users in 4 taste groups, 120 films in 4 matching
    /// groups. A user picks 25 films, 90 % of them from their own group; the stars they give depend
    /// on the film's quality alone (its planted mean, ± 0.5). So the stars say which films are good
    /// and nothing about which a user picks: a rating model's top-N is the best films of every
    /// group, while what a user picks next is in their own (Steck 2010).
    static let chosenNotAtRandom: RatingMatrix = {
        var generator = SeededGenerator(seed: 2010)
        let users = 300, items = 120, groups = 4
        let quality = (0..<items).map { _ in Float(1.5 + 3 * generator.nextUnit()) }
        var list = RatingList()
        for user in 0..<users {
            var chosen = Set<Int>()
            while chosen.count < 25 {
                let group = generator.nextUnit() < 0.9 ? user % groups : Int(generator.next() % UInt64(groups))
                chosen.insert(group + groups * Int(generator.next() % UInt64(items / groups)))
            }
            for item in chosen.sorted() {
                let stars = min(5, max(1, (quality[item] + Float(generator.nextUnit()) - 0.5).rounded()))
                list.append(user: Int32(user), item: Int32(item), value: stars)
            }
        }
        return RatingMatrix(
            userIDs: IDMap((0..<users).map { "u\($0)" }), itemIDs: IDMap((0..<items).map { "i\($0)" }), ratings: list)
    }()

    static let small = ModelParameters(["factors": "8", "epochs": "15"])

    /// biased-mf with its default ranker on all of `chosenNotAtRandom`, trained once for the tests
    /// that only read it.
    static let biasedMF = Result { () throws(ModelError) in
        try ModelKind.biasedMF.fit(chosenNotAtRandom, parameters: small)
    }

    @Test(
        "lists ranked by interest find what users pick where the stars cannot, and the stars do not change",
        arguments: [ModelKind.biasedMF, .svdPlusPlus, .hybrid])
    func rankingRecoversPlantedChoice(kind: ModelKind) throws {
        let split = Splitter.perUser(Self.chosenNotAtRandom, testFraction: 0.2, seed: 42)
        let model = try kind.fit(split.train, parameters: Self.small)
        #expect(model.interestRanker != nil)
        let byInterest = Evaluator(metrics: [.ndcg(10), .rmse]).score(model, on: split)
        let byRating = Evaluator(metrics: [.ndcg(10), .rmse], rankBy: .rating).score(model, on: split)
        #expect(byInterest.values[1] == byRating.values[1], "the ranker moved a prediction")
        #expect(
            byInterest.values[0] >= 2 * byRating.values[0], "interest \(byInterest.values) rating \(byRating.values)")
        #expect(byInterest.values[0] >= 0.3, "interest \(byInterest.values)")
    }

    @Test("a list score is the interaction score plus w (r̂ − μ), for a trained and for a folded-in user")
    func listScoresAreTheFormula() throws {
        let model = try Self.biasedMF.get()
        let ranker = try #require(model.interestRanker)
        #expect(ranker.ratingWeight == 0.02 && ranker.interactions is ImplicitALS)
        let w = ranker.ratingWeight, mu = ranker.mean
        #expect(abs(mu - Float(Self.chosenNotAtRandom.globalMean)) < 1e-6)
        for user in [0, 7, 299] {
            let ratings = model.scores(forUser: user)
            let interactions = ranker.interactions.scores(forUser: user)
            let listed = model.listScores(forUser: user)
            for item in [0, 5, 64, 119] {
                #expect(listed[item] == interactions[item] + w * (ratings[item] - mu))
            }
            #expect(model.listScores(forUser: user, rankBy: .rating) == ratings)
        }
        let items = [0, 4, 8, 12, 16], stars: [Float] = [5, 5, 4, 5, 3]
        let folded = model.listFoldIn(items: items, ratings: stars)
        let ratings = model.foldIn(items: items, ratings: stars)
        let interactions = ranker.interactions.foldIn(items: items, ratings: stars)
        for item in [1, 2, 60, 100] {
            #expect(folded[item] == interactions[item] + w * (ratings[item] - mu))
        }
        #expect(model.listFoldIn(items: items, ratings: stars, rankBy: .rating) == ratings)
    }

    @Test("training a ranker leaves the rating model bit for bit what it is without one; the same seed, the same lists")
    func rankerLeavesTheStars() throws {
        let data = Self.chosenNotAtRandom
        for kind in [ModelKind.biasedMF, .svdPlusPlus, .hybrid] {
            let ranked = try kind.fit(data, parameters: Self.small)
            let again = try kind.fit(data, parameters: Self.small)
            #expect(ranked.listScores(forUser: 8).map(\.bitPattern) == again.listScores(forUser: 8).map(\.bitPattern))
            let plain = try kind.fit(data, parameters: Self.small.merging(ModelParameters(["ranker": "none"])))
            #expect(plain.interestRanker == nil)
            #expect(ranked.predictAll().storage.map(\.bitPattern) == plain.predictAll().storage.map(\.bitPattern))
            #expect(
                ranked.recommend(user: 3, count: 10, excludingRatedIn: data, rankBy: .rating)
                    == plain.recommend(user: 3, count: 10, excludingRatedIn: data), "\(kind)")
        }
    }

    @Test("the hybrid trained with a ranking loss has no ranker: it ranks already")
    func rankingLossesHaveNoRanker() throws {
        let model = try ModelKind.hybrid.fit(
            Self.chosenNotAtRandom, parameters: ModelParameters(["loss": "bpr", "factors": "8", "epochs": "2"]))
        #expect(model.interestRanker == nil)
    }

    @Test("an item nobody has interacted with takes the interest score of the rank its predicted rating earns")
    func newItemsTakeTheirRatingsPlace() throws {
        let model = try Self.biasedMF.get()
        let ranker = try #require(model.interestRanker)
        let placed = ranker.interest(
            ofNewItems: [4.5, 6, 3, 0, 5], ratings: [4, 3, 5, 1], interest: [0.9, 0.8, 0.7, 0.1])
        // Ratings in order 5, 4, 3, 1 and interest 0.9, 0.8, 0.7, 0.1: 4.5 is behind one film, 6
        // behind none, 3 behind two (a tie sorts after the known film), 0 behind all four.
        #expect(placed == [0.8, 0.9, 0.7, Float(0.1).nextDown, 0.9])
    }

    @Test("a file keeps the ranker; a file from before rankers loads with ranker=none and lists by rating")
    func filesWithAndWithoutRanker() throws {
        let data = Self.chosenNotAtRandom
        let model = try Self.biasedMF.get()
        let saved = SavedModel(model: model, parameters: Self.small, training: data)
        let archive = saved.archive()
        let loaded = try SavedModel.unarchive(archive, file: "ranked.reco")
        #expect(loaded.model.interestRanker != nil)
        #expect(loaded.model.listScores(forUser: 5) == model.listScores(forUser: 5))
        #expect(
            loaded.model.listFoldIn(items: [1, 2], ratings: [5, 4])
                == model.listFoldIn(items: [1, 2], ratings: [5, 4]))
        #expect(try saved.recommend(user: "u5", count: 10).items == loaded.recommend(user: "u5", count: 10).items)

        var old = archive
        old.fields = old.fields.filter { !$0.key.hasPrefix("interest.") }
        old.strings = old.strings.filter { !$0.key.hasPrefix("interest.") }
        old.floats = old.floats.filter { !$0.key.hasPrefix("interest.") }
        old.longs = old.longs.filter { !$0.key.hasPrefix("interest.") }
        old.integers = old.integers.filter { !$0.key.hasPrefix("interest.") }
        let before = try SavedModel.unarchive(old, file: "old.reco")
        #expect(before.model.interestRanker == nil)
        #expect(before.model.configurationParameters["ranker"] == "none")
        #expect(before.model.listScores(forUser: 5) == model.scores(forUser: 5))
        #expect(before.rankingDescription().contains("no ranker"))
        #expect(saved.rankingDescription().contains("implicit-als"))

        var broken = archive
        broken.floats["interest.rating-weight"] = nil
        #expect(throws: ModelFileError.self) { try SavedModel.unarchive(broken, file: "broken.reco") }
    }

    @Test("lists ranked by interest carry each item's predicted rating, clipped to the scale")
    func entriesCarryTheirRating() throws {
        let data = Self.chosenNotAtRandom
        let saved = SavedModel(model: try Self.biasedMF.get(), training: data)
        let (_, items) = try saved.recommend(user: "u9", count: 10)
        for entry in items {
            let item = try #require(data.itemIDs.index(of: entry.id))
            #expect(entry.rating == saved.clipped(saved.model.predict(user: 9, item: item)))
        }
        let (_, byRating) = try saved.recommend(user: "u9", count: 10, rankBy: .rating)
        #expect(byRating.allSatisfy { $0.rating == nil })
        let (_, folded) = try saved.recommend(forItems: ["i0", "i4", "i8"], count: 5)
        #expect(folded.count == 5 && folded.allSatisfy { $0.rating != nil })
    }
}
