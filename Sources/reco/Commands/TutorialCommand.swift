import ArgumentParser
import Reco

/// `reco tutorial`: the seed notebook, replayed step by step on its own toy data.
struct TutorialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tutorial",
        abstract: "Replay the notebook: content-based filtering, then collaborative filtering.",
        discussion: """
            Runs the notebook's toy examples with the library and prints what the notebook prints, with \
            one sentence after each step saying what it shows. The random starts use --seed, so every \
            run prints the same numbers.

            Example:
              reco tutorial
              reco tutorial --seed 7
            """
    )

    @OptionGroup var seedOption: SeedOption

    func run() throws {
        // Movies A, B, C with features [romance, action, sci-fi].
        let features = DenseMatrix([[0.8, 0.1, 0.1], [0.0, 1.0, 0.0], [0.2, 0.2, 0.6]])

        section("1. Content-based: predict with a known preference vector")
        print("X (features of movies A, B, C: [romance, action, sci-fi]) =")
        print(NumpyStyle.matrix(features))
        print("theta_alice = [5. 0. 0.]")
        let alice = ContentBasedRecommender(weights: DenseMatrix([[5, 0, 0]]), itemFeatures: features)
        let predicted = alice.predictAll().row(0)
        print("X @ theta_alice =")
        print(NumpyStyle.vector(predicted))
        explain(
            "Alice only likes romance, so her predicted ratings are the movies' romance scores times 5: A gets 4, the pure action film B gets 0."
        )

        section("2. Learn theta from Alice's ratings by gradient descent")
        print("y = [4. 1. 2.]   (Alice's ratings of A, B, C); learning rate 0.01, 100 steps, random start")
        let aliceRatings = DenseRatings([[4, 1, 2]])
        var configuration = ContentBasedRecommender.Configuration.notebook
        configuration.seed = seedOption.seed
        let learned = try ContentBasedRecommender.fit(
            aliceRatings.ratingMatrix, itemFeatures: features, configuration: configuration
        ) { progress in
            print("Step \(progress.step), Loss: \(fixed(progress.loss, 4))")
        }
        print("learned theta_alice = \(NumpyStyle.vector(learned.weights.row(0)))")
        explain(
            "The loss mean((X·θ − y)²) falls at every step: θ is learned from the ratings instead of assumed. With only 100 small steps it is still far from the minimum."
        )

        section("3. Many users: a rating matrix Y with a mask R")
        let y = DenseRatings(values: DenseMatrix([[4, 1, 2], [5, .nan, 1]]), userIDs: IDMap(["Alice", "Bob"]))
        print("Y =")
        print(NumpyStyle.matrix(y.values))
        print("R = ~isnan(Y) =")
        let mask = y.mask
        print(
            "["
                + (0..<2).map { r in
                    "[" + (0..<3).map { c in mask[r * 3 + c] ? " True" : "False" }.joined(separator: " ") + "]"
                }.joined(separator: "\n ") + "]")
        let everyone = try ContentBasedRecommender.fit(
            y.ratingMatrix, itemFeatures: features, configuration: configuration)
        print("Predicted rating matrix (theta_all @ X.T):")
        print(NumpyStyle.matrix(everyone.predictAll()))
        explain(
            "Each user's θ is trained only on the movies they rated; Bob's missing rating of B (NaN) never enters his loss, yet he still gets a prediction for B."
        )

        section("4. Collaborative filtering: learn user and movie vectors together")
        let cf = DenseRatings([[5, 4, .nan], [.nan, 3, 1], [2, .nan, 4]])
        print("Y =")
        print(NumpyStyle.matrix(cf.values))
        print("k = 3, λ = 0.1, learning rate 0.01, 100 steps")
        var cfConfiguration = MatrixFactorization.Configuration.notebook
        cfConfiguration.seed = seedOption.seed
        let factorization = try MatrixFactorization.fit(cf.ratingMatrix, configuration: cfConfiguration) { progress in
            if progress.step % 10 == 0 { print("Step \(progress.step) | Loss: \(fixed(progress.loss, 4))") }
        }
        print("Predicted rating matrix (theta_all @ x_all.T):")
        print(NumpyStyle.matrix(factorization.predictAll()))
        explain(
            "Now no movie features are given: θ and x are both learned from the ratings alone, and the regularised loss ½Σ(θ·x − y)² + λ/2(‖θ‖² + ‖x‖²) falls step by step. The filled-in NaN cells are the recommendations."
        )
    }

    private func section(_ title: String) {
        print("\n== \(title) ==")
    }

    private func explain(_ sentence: String) {
        print("→ \(sentence)")
    }
}
