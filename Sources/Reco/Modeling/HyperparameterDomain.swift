/// The values a hyperparameter accepts, as `reco models` lists them and errors quote them.
public enum HyperparameterDomain: Sendable, Equatable, CustomStringConvertible {
    /// A whole number in `minimum...maximum`.
    case integer(minimum: Int, maximum: Int)
    /// A finite number within `bounds`.
    case real(RealBounds)
    /// `true` or `false` (also `yes`/`no`, `on`/`off`, `1`/`0`).
    case boolean
    /// One of these words.
    case choice([String])
    /// A seed: any whole number in 0..<2⁶⁴.
    case seed
    /// A thread count ≥ 1; left out, every core.
    case threads
    /// Free text whose form `help` explains (a blend's list of models).
    case text(String)

    /// What a valid value looks like, in words ("a whole number ≥ 1").
    public var description: String {
        switch self {
        case .integer(let minimum, let maximum):
            return maximum == .max ? "a whole number ≥ \(minimum)" : "a whole number in \(minimum)...\(maximum)"
        case .real(let bounds): return "a number \(bounds)"
        case .boolean: return "true or false"
        case .choice(let words): return Self.list(words)
        case .seed: return "a whole number ≥ 0"
        case .threads: return "a whole number ≥ 1"
        case .text(let form): return form
        }
    }

    /// "a, b or c".
    static func list(_ words: [String]) -> String {
        words.count < 2 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words.last!
    }
}

/// The interval a real-valued hyperparameter must lie in.
public struct RealBounds: Sendable, Equatable, CustomStringConvertible {
    /// The lower end.
    public var lower: Double
    /// Whether `lower` itself is allowed.
    public var includesLower: Bool
    /// The upper end (`.infinity` for none).
    public var upper: Double
    /// Whether `upper` itself is allowed.
    public var includesUpper: Bool

    /// An interval.
    public init(lower: Double, includesLower: Bool = true, upper: Double = .infinity, includesUpper: Bool = true) {
        self.lower = lower
        self.includesLower = includesLower
        self.upper = upper
        self.includesUpper = includesUpper
    }

    /// x > 0 (learning rates, penalties that must not vanish).
    public static let positive = RealBounds(lower: 0, includesLower: false)
    /// x ≥ 0 (penalties, shrinkage).
    public static let nonNegative = RealBounds(lower: 0)
    /// 0 < x < 1 (a share of the data).
    public static let fraction = RealBounds(lower: 0, includesLower: false, upper: 1, includesUpper: false)

    /// `lower...upper`.
    public static func closed(_ lower: Double, _ upper: Double) -> RealBounds { RealBounds(lower: lower, upper: upper) }

    /// Whether `value` lies in the interval.
    public func contains(_ value: Double) -> Bool {
        (includesLower ? value >= lower : value > lower) && (includesUpper ? value <= upper : value < upper)
    }

    /// "> 0", "≥ 0", "in 0...1", "in (0, 1)".
    public var description: String {
        func number(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        }
        if upper == .infinity { return (includesLower ? "≥ " : "> ") + number(lower) }
        if includesLower && includesUpper { return "in \(number(lower))...\(number(upper))" }
        return "in \(includesLower ? "[" : "(")\(number(lower)), \(number(upper))\(includesUpper ? "]" : ")")"
    }
}
