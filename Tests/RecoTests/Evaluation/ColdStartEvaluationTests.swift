import Reco
import RecoTestSupport
import Testing

@Suite("Cold-start splits and slices")
struct ColdStartEvaluationTests {
    static let ratings = SampleCatalog.generate(users: 120, items: 80).ratings

    @Test("cold-items holds out a seeded share of the items with every rating; cold-users likewise")
    func splits() {
        let items = Splitter.coldItems(Self.ratings, fraction: 0.25, seed: 4)
        let testItems = Set((0..<items.test.itemCount).filter { items.test.ratingCount(ofItem: $0) > 0 })
        #expect(testItems.allSatisfy { items.train.ratingCount(ofItem: $0) == 0 })
        #expect(testItems.count == 20)
        #expect(items.train.count + items.test.count == Self.ratings.count)
        #expect(Splitter.coldItems(Self.ratings, fraction: 0.25, seed: 4).test.count == items.test.count)
        #expect(Splitter.coldItems(Self.ratings, fraction: 0.25, seed: 5).test.count != items.test.count)
        let users = Splitter.coldUsers(Self.ratings, fraction: 0.25, seed: 4)
        let testUsers = (0..<users.test.userCount).filter { users.test.ratingCount(ofUser: $0) > 0 }
        #expect(testUsers.count == 30 && testUsers.allSatisfy { users.train.ratingCount(ofUser: $0) == 0 })
    }

    @Test("a model without features gets the fallback on cold items, a feature model answers itself")
    func slices() throws {
        let split = Splitter.coldItems(Self.ratings, fraction: 0.25, seed: 4)
        let evaluator = Evaluator(metrics: [.rmse, .ndcg(10)])
        let baseline = evaluator.score(try BaselinePredictor.fit(split.train), on: split)
        let cold = try #require(baseline.slices.first { $0.slice == .coldItems })
        #expect(
            cold.ratings == split.test.count && cold.ratingsBy == "baseline μ + b_u"
                && cold.listsBy == "none (random order)")
        #expect(baseline.fallbackPredictions == split.test.count)
        #expect(cold.values[0] == baseline.values[0])
        // A model without biases (ALS, as Spark trains it) falls back to the training mean, and says so.
        let als = evaluator.score(
            try AlternatingLeastSquares.fit(split.train, configuration: .init(factors: 4, iterations: 3)), on: split)
        let alsCold = try #require(als.slices.first { $0.slice == .coldItems })
        #expect(alsCold.ratingsBy == "training mean μ")
        let mean = Float(split.train.globalMean)
        let meanRMSE =
            (split.test.userRatings.reduce(0.0) { $0 + Double(($1 - mean) * ($1 - mean)) }
            / Double(split.test.count)).squareRoot()
        #expect(abs(alsCold.values[0] - meanRMSE) < 1e-4)
        let sample = SampleCatalog.generate(users: 120, items: 80)
        let features = try #require(sample.itemFeatures(alignedTo: split.train))
        let content = evaluator.score(
            try ContentBasedRecommender.fit(split.train, itemFeatures: features.matrix), on: split)
        let answered = try #require(content.slices.first { $0.slice == .coldItems })
        #expect(answered.ratingsBy == "model (features)" && content.fallbackPredictions == 0)
        #expect(answered.values[0] < cold.values[0], "content-based \(answered.values[0]), μ + b_u \(cold.values[0])")
    }

    @Test("a test set without cold users or items has no slices")
    func noSlices() throws {
        let split = Splitter.perUser(Self.ratings, testFraction: 0.2, seed: 1)
        #expect(Evaluator(metrics: [.rmse]).score(try BaselinePredictor.fit(split.train), on: split).slices.isEmpty)
    }
}
