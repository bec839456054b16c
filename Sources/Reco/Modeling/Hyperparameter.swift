/// One hyperparameter of a model, declared once beside the model: the key users type
/// (`--param learning-rate=0.01`), the values it accepts, a line of help, and where it lives in
/// the model's `Configuration`. Its default is that property's value in the configuration the
/// model declares as its defaults.
///
/// ```swift
/// .integer("factors", \.factors, minimum: 1, help: "latent factors k")
/// .real("learning-rate", \.learningRate, .positive, help: "the SGD step size η")
/// ```
///
/// Parsing, validation, `reco models`, the README's model table and the error messages all read
/// these declarations.
public struct Hyperparameter<Configuration>: Sendable {
    /// The key, as the user types it.
    public let key: String
    /// The values it accepts.
    public let domain: HyperparameterDomain
    /// One line on what it does.
    public let help: String
    /// Sets the value from text, or throws naming `key`.
    let parse: @Sendable (String, inout Configuration) throws(ModelError) -> Void
    /// The value as text that `parse` reads back to the same value; `nil` for a shorthand that
    /// sets other parameters and is not stored itself.
    let format: @Sendable (Configuration) -> String?

    /// A hyperparameter with its own parsing (a model whose value is not one of the usual types).
    ///
    /// - Parameters:
    ///   - key: the parameter's name, as `--param key=value` spells it.
    ///   - help: what it does, for `reco models`.
    ///   - domain: the values it takes, for `reco models` and `reco tune`.
    ///   - parse: sets the value from the user's text, throwing `ModelError.invalidParameter` for bad text.
    ///   - format: the value as text `parse` reads back, or `nil` when nothing is stored under `key`.
    public init(
        _ key: String, domain: HyperparameterDomain, help: String,
        parse: @escaping @Sendable (String, inout Configuration) throws(ModelError) -> Void,
        format: @escaping @Sendable (Configuration) -> String?
    ) {
        self.key = key
        self.domain = domain
        self.help = help
        self.parse = parse
        self.format = format
    }

    /// A number as short text that reads back to the same value: "5" for 5.0, "0.005" for 0.005.
    static func text<Value: BinaryFloatingPoint & LosslessStringConvertible>(of value: Value) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

extension Hyperparameter {
    /// A whole number in `minimum...maximum`.
    public static func integer(
        _ key: String, _ path: any WritableKeyPath<Configuration, Int> & Sendable, minimum: Int = 0,
        maximum: Int = .max,
        help: String
    ) -> Hyperparameter {
        let domain = HyperparameterDomain.integer(minimum: minimum, maximum: maximum)
        return Hyperparameter(key, domain: domain, help: help) { text, configuration throws(ModelError) in
            guard let value = Int(text), value >= minimum, value <= maximum else {
                throw .invalidParameter(name: key, value: text, expected: domain.description)
            }
            configuration[keyPath: path] = value
        } format: {
            "\($0[keyPath: path])"
        }
    }

    /// A finite real number within `bounds`, stored as a `Double`.
    public static func real(
        _ key: String, _ path: any WritableKeyPath<Configuration, Double> & Sendable, _ bounds: RealBounds, help: String
    ) -> Hyperparameter {
        let domain = HyperparameterDomain.real(bounds)
        return Hyperparameter(key, domain: domain, help: help) { text, configuration throws(ModelError) in
            guard let value = Double(text), value.isFinite, bounds.contains(value) else {
                throw .invalidParameter(name: key, value: text, expected: domain.description)
            }
            configuration[keyPath: path] = value
        } format: {
            Self.text(of: $0[keyPath: path])
        }
    }

    /// A finite real number within `bounds`, stored as a `Float` (what the SGD and ALS kernels use).
    public static func real(
        _ key: String, _ path: any WritableKeyPath<Configuration, Float> & Sendable, _ bounds: RealBounds, help: String
    ) -> Hyperparameter {
        let domain = HyperparameterDomain.real(bounds)
        return Hyperparameter(key, domain: domain, help: help) { text, configuration throws(ModelError) in
            guard let value = Float(text), value.isFinite, bounds.contains(Double(value)) else {
                throw .invalidParameter(name: key, value: text, expected: domain.description)
            }
            configuration[keyPath: path] = value
        } format: {
            Self.text(of: $0[keyPath: path])
        }
    }

    /// `true` or `false`.
    public static func flag(
        _ key: String, _ path: any WritableKeyPath<Configuration, Bool> & Sendable, help: String
    ) -> Hyperparameter {
        Hyperparameter(key, domain: .boolean, help: help) { text, configuration throws(ModelError) in
            switch text.lowercased() {
            case "true", "yes", "1", "on": configuration[keyPath: path] = true
            case "false", "no", "0", "off": configuration[keyPath: path] = false
            default: throw .invalidParameter(name: key, value: text, expected: HyperparameterDomain.boolean.description)
            }
        } format: {
            "\($0[keyPath: path])"
        }
    }

    /// One of the cases of `Value`, by raw value (or by one of `aliases`).
    public static func choice<Value: RawRepresentable & CaseIterable & Sendable>(
        _ key: String, _ path: any WritableKeyPath<Configuration, Value> & Sendable, aliases: [String: Value] = [:],
        help: String
    ) -> Hyperparameter where Value.RawValue == String {
        let domain = HyperparameterDomain.choice(Value.allCases.map(\.rawValue))
        return Hyperparameter(key, domain: domain, help: help) { text, configuration throws(ModelError) in
            guard let value = Value(rawValue: text.lowercased()) ?? aliases[text.lowercased()] else {
                throw .invalidParameter(name: key, value: text, expected: domain.description)
            }
            configuration[keyPath: path] = value
        } format: {
            $0[keyPath: path].rawValue
        }
    }

    /// The seed of every random choice the model makes (`seed`).
    public static func seed(
        _ path: any WritableKeyPath<Configuration, UInt64> & Sendable, help: String = "seed of the random start"
    ) -> Hyperparameter {
        Hyperparameter("seed", domain: .seed, help: help) { text, configuration throws(ModelError) in
            guard let value = UInt64(text) else {
                throw .invalidParameter(name: "seed", value: text, expected: HyperparameterDomain.seed.description)
            }
            configuration[keyPath: path] = value
        } format: {
            "\($0[keyPath: path])"
        }
    }

    /// The number of threads (`threads`); `nil` uses every core. The model must give the same
    /// answer for the same seed and thread count.
    public static func threads(_ path: any WritableKeyPath<Configuration, Int?> & Sendable) -> Hyperparameter {
        Hyperparameter("threads", domain: .threads, help: "threads to train on (default: every core)") {
            text, configuration throws(ModelError) in
            guard let value = Int(text), value >= 1 else {
                throw .invalidParameter(
                    name: "threads", value: text, expected: HyperparameterDomain.threads.description)
            }
            configuration[keyPath: path] = value
        } format: {
            $0[keyPath: path].map { "\($0)" }
        }
    }
}
