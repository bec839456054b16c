import Dispatch
import Foundation
import RealModule

/// A grid of hyperparameter values: `factors=50,100,200;reg=0.02,0.05` is six settings.
public struct ParameterGrid: Sendable, Equatable {
    /// Each parameter with its candidate values, in the order given.
    public var axes: [(name: String, values: [String])]

    /// Parses `name=v1,v2;name=v3`.
    public init(parsing text: String) throws(ModelParameters.ParseError) {
        axes = []
        for part in text.split(separator: ";") {
            let pieces = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: " ") }
            let values =
                pieces.count == 2
                ? pieces[1].split(separator: ",").map { String($0).trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
                : []
            guard pieces.count == 2, !pieces[0].isEmpty, !values.isEmpty else {
                throw ModelParameters.ParseError(message: "grid: expected name=value,value;name=value, got '\(part)'")
            }
            axes.append((ModelParameters.canonical(pieces[0]), values))
        }
        guard !axes.isEmpty else { throw ModelParameters.ParseError(message: "grid: no parameters given") }
    }

    /// Every combination, the last axis varying fastest.
    public var settings: [ModelParameters] {
        var result = [ModelParameters()]
        for axis in axes {
            result = result.flatMap { base in
                axis.values.map { value in
                    var next = base
                    next[axis.name] = value
                    return next
                }
            }
        }
        return result
    }

    /// Whether the two grids have the same parameters and values.
    public static func == (lhs: ParameterGrid, rhs: ParameterGrid) -> Bool {
        lhs.axes.map(\.name) == rhs.axes.map(\.name) && lhs.axes.map(\.values) == rhs.axes.map(\.values)
    }
}

/// Ranges to sample settings from: `factors=10..200;regularization=0.001..0.1`. Whole-number bounds
/// sample whole numbers; ranges whose ends differ by 10× or more sample log-uniformly.
public struct ParameterRanges: Sendable {
    /// Each parameter with its bounds.
    public var axes: [(name: String, lower: Double, upper: Double, integer: Bool)]

    /// Parses `name=low..high;…`.
    public init(parsing text: String) throws(ModelParameters.ParseError) {
        axes = []
        for part in text.split(separator: ";") {
            let pieces = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: " ") }
            let bounds = pieces.count == 2 ? pieces[1].components(separatedBy: "..") : []
            guard pieces.count == 2, bounds.count == 2, let lower = Double(bounds[0]), let upper = Double(bounds[1]),
                lower.isFinite, upper.isFinite, lower <= upper
            else {
                throw ModelParameters.ParseError(
                    message: "ranges: expected name=low..high with low ≤ high, got '\(part)'")
            }
            let integer = Int(bounds[0]) != nil && Int(bounds[1]) != nil
            axes.append((ModelParameters.canonical(pieces[0]), lower, upper, integer))
        }
        guard !axes.isEmpty else { throw ModelParameters.ParseError(message: "ranges: no parameters given") }
    }

    /// `count` settings drawn with `seed`.
    public func sample(_ count: Int, seed: UInt64) -> [ModelParameters] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            var setting = ModelParameters()
            for axis in axes {
                let u = generator.nextUnit()
                let logScale = axis.lower > 0 && axis.upper >= 10 * axis.lower
                var value =
                    logScale
                    ? axis.lower * Double.exp(u * _log(axis.upper / axis.lower))
                    : axis.lower + u * (axis.upper - axis.lower)
                if axis.integer {
                    value = value.rounded()
                    setting[axis.name] = String(Int(value))
                } else {
                    setting[axis.name] = String(Float(value))
                }
            }
            return setting
        }
    }
}

/// Cross-validates many settings of one model, several at once on the machine's cores, and ranks
/// them by one metric.
public struct HyperparameterSearch: Sendable {
    /// The model to tune.
    public var kind: ModelKind
    /// Parameters every setting starts from (a setting's own values win).
    public var base: ModelParameters
    /// The metric to rank by (its mean over folds).
    public var metric: Metric
    /// The evaluator (its metric list must contain `metric`).
    public var evaluator: Evaluator

    /// Creates a search.
    public init(kind: ModelKind, base: ModelParameters = ModelParameters(), metric: Metric, evaluator: Evaluator) {
        self.kind = kind
        self.base = base
        self.metric = metric
        self.evaluator = evaluator
    }

    /// Evaluates every setting on `splits` and returns the reports ranked best first (ties keep the
    /// order of `settings`). `progress` is called after each setting, from the worker thread.
    public func run(
        _ settings: [ModelParameters], splits: [TrainTestSplit],
        features: SideFeatures = SideFeatures(),
        progress: (@Sendable (Int, Evaluator.Report) -> Void)? = nil
    ) throws(ModelError) -> [Evaluator.Report] {
        guard let metricIndex = evaluator.metrics.firstIndex(of: metric) else {
            throw .missingInput("the metric \(metric) is not among the evaluated metrics")
        }
        // Check every setting's parameters before spending time on any.
        for setting in settings { try kind.validate(base.merging(setting)) }
        let results = Locked([Result<Evaluator.Report, ModelError>?](repeating: nil, count: settings.count))
        let search = self
        DispatchQueue.concurrentPerform(iterations: settings.count) { index in
            let outcome = Result { () throws(ModelError) -> Evaluator.Report in
                try search.evaluator.crossValidate(
                    search.kind, parameters: search.base.merging(settings[index]), splits: splits,
                    features: features)
            }
            results.withLock { $0[index] = outcome }
            if case .success(let report) = outcome { progress?(index, report) }
        }
        var reports: [Evaluator.Report] = []
        for outcome in results.withLock({ $0 }) { reports.append(try outcome!.get()) }
        let order = reports.indices.sorted { a, b in
            let x = reports[a].mean(metricIndex)
            let y = reports[b].mean(metricIndex)
            if x != y { return metric.largerIsBetter ? x > y : x < y }
            return a < b
        }
        return order.map { reports[$0] }
    }
}
