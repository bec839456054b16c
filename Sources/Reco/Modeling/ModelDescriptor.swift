/// What a model is, as the registry, `reco models` and `--help` present it.
public struct ModelDescriptor: Sendable, Equatable {
    /// The name users type (`--model NAME`) and model files record.
    public var name: String
    /// Other names accepted for it (`svd` for `biased-mf`).
    public var aliases: [String]
    /// One line on what it is.
    public var summary: String
    /// What training needs beyond the ratings.
    public var inputs: Set<TrainingInput>
    /// What training reads when the data has it.
    public var optionalInputs: Set<TrainingInput>
    /// Whether it ranks items without predicting ratings (its default metrics are top-N).
    public var ranksOnly: Bool
    /// Whether a user's own ratings change the order of their list: `false` for models that rank
    /// every user's items alike (global mean, popularity, the bias baseline).
    public var personalizesRankings: Bool

    /// A descriptor.
    public init(
        name: String, aliases: [String] = [], summary: String, inputs: Set<TrainingInput> = [],
        optionalInputs: Set<TrainingInput> = [], ranksOnly: Bool = false, personalizesRankings: Bool = true
    ) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.inputs = inputs
        self.optionalInputs = optionalInputs
        self.ranksOnly = ranksOnly
        self.personalizesRankings = personalizesRankings
    }
}

/// Data a model needs besides the ratings.
public enum TrainingInput: String, Sendable, CaseIterable, Comparable {
    /// A feature vector per item (genres, release years, or `--item-features FILE`).
    case itemFeatures = "item features"
    /// A feature vector per user (age group, gender, occupation, or `--user-features FILE`).
    case userFeatures = "user features"

    /// Orders inputs by their raw value.
    public static func < (lhs: TrainingInput, rhs: TrainingInput) -> Bool { lhs.rawValue < rhs.rawValue }
}
