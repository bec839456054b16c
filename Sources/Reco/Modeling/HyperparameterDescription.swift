/// A hyperparameter as `reco models`, `--help` and the README list it.
public struct HyperparameterDescription: Sendable, Equatable {
    /// The key users type.
    public var key: String
    /// The values it accepts.
    public var domain: HyperparameterDomain
    /// The default as text, or `nil` when there is none to show (every core; a shorthand).
    public var defaultValue: String?
    /// What it does.
    public var help: String

    /// The default as a person reads it: the value, "every core", or "—".
    public var defaultText: String {
        if let defaultValue { return defaultValue }
        return domain == .threads ? "every core" : "—"
    }
}
