import RecoTestSupport
import Testing

@testable import Reco

struct TimeSVDPlusPlusTests {
    /// Ratings over `days` days whose item biases drift: r = 3 + b_u + b_i + s_i (2t/days − 1) +
    /// a rank-2 interaction + N(0, 0.2²), each user rating a random `density` of the items on
    /// random days.
    static func drifting(users: Int, items: Int, days: Int, density: Double, seed: UInt64) -> RatingMatrix {
        var generator = SeededGenerator(seed: seed)
        func normal(_ scale: Double) -> Double { generator.nextNormal() * scale }
        let userBias = (0..<users).map { _ in normal(0.3) }, itemBias = (0..<items).map { _ in normal(0.4) }
        let slope = (0..<items).map { _ in normal(1.2) }
        let u = (0..<users * 2).map { _ in normal(0.6) }, v = (0..<items * 2).map { _ in normal(0.6) }
        var list = RatingList()
        for user in 0..<users {
            for item in 0..<items where Double.random(in: 0..<1, using: &generator) < density {
                let day = Int.random(in: 0..<days, using: &generator)
                let drift = slope[item] * (2 * Double(day) / Double(days) - 1)
                let interaction = u[user * 2] * v[item * 2] + u[user * 2 + 1] * v[item * 2 + 1]
                let value = 3 + userBias[user] + itemBias[item] + drift + interaction + normal(0.2)
                list.users.append(Int32(user))
                list.items.append(Int32(item))
                list.values.append(Float(value))
                list.timestamps.append(Int64(10_000 + day) * 86_400 + Int64(user % 7) * 3_600)
            }
        }
        return RatingMatrix(
            userIDs: IDMap((0..<users).map { "u\($0)" }), itemIDs: IDMap((0..<items).map { "i\($0)" }), ratings: list)
    }

    @Test func anSGDStepIsMinusTheRatesTimesTheGradientOfTheRatingsLoss() throws {
        let ratings = Self.drifting(users: 10, items: 14, days: 60, density: 0.5, seed: 3)
        let configuration = TimeSVDPlusPlus.Configuration(
            factors: 3, learningRate: 0.002, regularization: 0.05, driftLearningRate: 0.001, driftRegularization: 0.3,
            timeLearningRate: 0.003, timeRegularization: 0.07, dayFactorLearningRate: 0.004,
            dayFactorRegularization: 0.04, bins: 4, initialStandardDeviation: 0.3)
        let trainer = try TimeSVDPlusPlus.Trainer(ratings, configuration: configuration)
        // Every term away from its start, so that no product hides a wrong factor behind a zero.
        var generator = SeededGenerator(seed: 8)
        for group in trainer.groups {
            let center: Float = group.name == "user-scales" ? 1 : 0
            for index in group.values.indices { group.values[index] = center + Float(generator.nextNormal() * 0.4) }
        }
        let user = 2
        let before = trainer.groups.map { Array($0.values) }
        for position in ratings.userRange(user) {
            for (group, values) in zip(trainer.groups, before) { _ = group.values.update(from: values) }
            trainer.train(user: user, positions: position..<(position + 1))
            let after = trainer.groups.map { Array($0.values) }
            for (group, values) in zip(trainer.groups, before) { _ = group.values.update(from: values) }
            var largest = 0.0
            var checked = 0
            for (g, group) in trainer.groups.enumerated() {
                for index in group.values.indices {
                    let analytic = -Double(after[g][index] - before[g][index]) / Double(group.rate)
                    let original = group.values[index]
                    let h: Float = 0.01
                    group.values[index] = original + h
                    let plus = trainer.loss(user: user, position: position)
                    group.values[index] = original - h
                    let minus = trainer.loss(user: user, position: position)
                    group.values[index] = original
                    let numeric = (plus - minus) / Double(2 * h)
                    if numeric != 0 { checked += 1 }
                    largest = max(largest, abs(analytic - numeric) / max(1, abs(numeric)))
                }
            }
            #expect(largest < 2e-3, "rating at \(position): step and finite differences differ by \(largest)")
            #expect(checked > 30, "only \(checked) parameters move the loss")
        }
    }

    @Test func recoversAPlantedDriftOfTheItemBiasesThatSVDPlusPlusCannot() throws {
        let ratings = Self.drifting(users: 300, items: 80, days: 300, density: 0.3, seed: 11)
        let split = Splitter.holdout(ratings, testFraction: 0.2, seed: 4)
        let timed = try TimeSVDPlusPlus.fit(
            split.train,
            configuration: TimeSVDPlusPlus.Configuration(factors: 2, epochs: 40, timeLearningRate: 0.005, bins: 10))
        let plain = try SVDPlusPlus.fit(split.train, configuration: SVDPlusPlus.Configuration(factors: 2, epochs: 40))
        let timedRMSE = RatingMetrics.evaluate(timed, train: split.train, test: split.test).rmse
        let plainRMSE = RatingMetrics.evaluate(plain, train: split.train, test: split.test).rmse
        #expect(timedRMSE < plainRMSE - 0.1, "timeSVD++ \(timedRMSE), SVD++ \(plainRMSE)")
        // The drift is in the bins: an item's late bin bias minus its early one follows its slope.
        let early = 0, late = timed.timeline.bins - 1
        let learned = (0..<80).map {
            timed.parameters.itemBinBiases[$0, late] - timed.parameters.itemBinBiases[$0, early]
        }
        #expect(learned.filter { abs($0) > 0.5 }.count > 20, "\(learned)")
    }

    @Test func theSameSeedGivesTheSameModelAndDataWithoutTimesIsRefused() throws {
        let ratings = Self.drifting(users: 40, items: 20, days: 30, density: 0.5, seed: 5)
        let configuration = TimeSVDPlusPlus.Configuration(factors: 3, epochs: 5, dayFactorLearningRate: 0.001)
        let first = try TimeSVDPlusPlus.fit(ratings, configuration: configuration)
        let second = try TimeSVDPlusPlus.fit(ratings, configuration: configuration)
        #expect(first.parameters == second.parameters && first.effectiveUserFactors == second.effectiveUserFactors)
        // A day the user never rated on has no day terms; the present is the last training day.
        let user = 0
        let unseen = Int64(10_000 + 29) * 86_400
        if first.timeline.slot(user: user, day: RatingTimeline.day(of: unseen)) == nil {
            let terms = first.parameters
            let dev = first.timeline.deviation(user: user, day: RatingTimeline.day(of: unseen))
            let bin = first.timeline.bin(of: RatingTimeline.day(of: unseen))
            let expected =
                terms.mean + terms.userBiases[user] + terms.userDrifts[user] * dev
                + (terms.itemBiases[3] + terms.itemBinBiases[3, bin]) * terms.userScales[user]
                + first.effectiveUserFactors.dot(row: user, terms.itemFactors, row: 3)
                + dev * terms.userFactorDrifts.dot(row: user, terms.itemFactors, row: 3)
            #expect(abs(first.predict(user: user, item: 3, at: unseen) - expected) < 1e-5)
        }
        let present = Int64(first.timeline.lastDay) * 86_400
        #expect(abs(first.predict(user: 1, item: 2) - first.predict(user: 1, item: 2, at: present)) < 1e-4)
        let untimed = Fixtures.plantedLowRank(users: 10, items: 8, rank: 2, density: 0.5, seed: 1)
        #expect {
            try TimeSVDPlusPlus.fit(untimed)
        } throws: { error in
            "\(error)".contains("timesvd++") && "\(error)".contains("timestamp")
        }
    }
}
