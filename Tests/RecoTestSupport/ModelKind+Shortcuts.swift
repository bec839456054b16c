public import Reco

/// Short names for the registered kinds in test arguments (`.biasedMF`).
extension ModelKind {
    public static let globalMean = GlobalMean.kind
    public static let popularity = Popularity.kind
    public static let baseline = BaselinePredictor.kind
    public static let contentBased = ContentBasedRecommender.kind
    public static let matrixFactorization = MatrixFactorization.kind
    public static let biasedMF = BiasedMatrixFactorization.kind
    public static let als = AlternatingLeastSquares.kind
    public static let svdPlusPlus = SVDPlusPlus.kind
    public static let itemKNN = ItemKNN.kind
    public static let ease = EASE.kind
    public static let implicitALS = ImplicitALS.kind
    public static let bpr = BPR.kind
    public static let implicitKNN = ImplicitItemKNN.kind
    public static let blend = Blend.kind
    public static let hybrid = HybridFactorization.kind
}
