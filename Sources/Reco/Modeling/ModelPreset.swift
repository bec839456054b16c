/// A named, tuned model: a kind with its hyperparameters (`--preset NAME`).
public struct ModelPreset: Sendable {
    /// The preset's name.
    public var name: String
    /// The model kind.
    public var kind: ModelKind
    /// Its hyperparameters.
    public var parameters: ModelParameters
    /// What it is and how it was found.
    public var summary: String

    /// Every preset.
    public static let all: [ModelPreset] = [
        ModelPreset(
            name: "best", kind: Blend.kind,
            parameters: ModelParameters([
                "models": "svd++,item-knn,als",
                "svd++.factors": "200", "svd++.epochs": "60", "svd++.learning-rate": "0.005",
                "svd++.regularization": "0.1",
                "als.factors": "50",
            ]),
            summary: "blend of tuned svd++ (200 factors, 60 epochs, lr 0.005, reg 0.1), item-knn and als (rank 50); "
                + "5-fold RMSE 0.8976 on MovieLens 100k (seed 42)"),
        ModelPreset(
            name: "fast", kind: BiasedMatrixFactorization.kind, parameters: ModelParameters(),
            summary:
                "biased-mf with Surprise's SVD defaults: the quickest good rating model (5-fold RMSE 0.936 on MovieLens 100k)"
        ),
        ModelPreset(
            name: "hybrid-ranking", kind: HybridFactorization.kind,
            parameters: ModelParameters([
                "loss": "warp", "weighting": "shared", "learning-rate": "0.05", "factors": "64",
                "regularization": "0.1",
                "user-features": "false", "identity-dropout": "0",
            ]),
            summary: "hybrid trained to rank, for top-N with new items: WARP, LightFM's shared weighting, 64 factors, "
                + "λ 0.1, users by their own embedding; NDCG@10 0.429 per-user and 0.229 on new items (MovieLens 100k, "
                + "20% splits, seed 42)"),
        ModelPreset(
            name: "hybrid-new-users", kind: HybridFactorization.kind,
            parameters: ModelParameters([
                "loss": "warp", "learning-rate": "0.05", "factors": "32", "identity-dropout": "0",
            ]),
            summary: "hybrid trained to rank users known only by their demographics: WARP, 32 factors; NDCG@10 0.536 "
                + "for new users against popularity's 0.522 (MovieLens 100k, 20% of users held out, seed 42)"),
    ]

    /// The preset called `name`.
    public static func named(_ name: String) throws(ModelError) -> ModelPreset {
        guard let preset = all.first(where: { $0.name == name.lowercased() }) else {
            throw .invalidParameter(name: "preset", value: name, expected: all.map(\.name).joined(separator: ", "))
        }
        return preset
    }
}
