import Foundation

/// Maps data values onto a chart axis, linearly or on a log₁₀ scale, and chooses its ticks.
struct ChartScale {
    /// How values are spaced along the axis.
    enum Spacing {
        case linear
        /// Powers of ten equally spaced; only positive values can be drawn.
        case logarithmic
    }

    let spacing: Spacing
    /// The axis' first and last values.
    let low: Double
    let high: Double

    /// A linear axis over `values` (with 5% room at each end unless `fromZero` pins the low end at 0).
    static func linear(covering values: [Double], fromZero: Bool = false) -> ChartScale {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if fromZero { low = min(low, 0) }
        if high - low < 1e-12 {
            low -= fromZero && low == 0 ? 0 : 0.5
            high += 0.5
        }
        let padding = (high - low) * 0.05
        return ChartScale(spacing: .linear, low: fromZero && low == 0 ? 0 : low - padding, high: high + padding)
    }

    /// A log₁₀ axis from the power of ten at or below the smallest positive value to the one at or
    /// above the largest.
    static func logarithmic(covering values: [Double]) -> ChartScale {
        let positive = values.filter { $0.isFinite && $0 > 0 }
        let low = pow(10, log10(positive.min() ?? 1).rounded(.down))
        var high = pow(10, log10(positive.max() ?? 10).rounded(.up))
        if high <= low { high = low * 10 }
        return ChartScale(spacing: .logarithmic, low: low, high: high)
    }

    /// Where `value` falls between the axis' ends, from 0 to 1 (values a log axis cannot show: 0).
    func fraction(_ value: Double) -> Double {
        switch spacing {
        case .linear: return (value - low) / (high - low)
        case .logarithmic:
            guard value > 0 else { return 0 }
            return (log10(value) - log10(low)) / (log10(high) - log10(low))
        }
    }

    /// Tick values: 1, 2 or 5 × 10ⁿ steps on a linear axis; every power of ten on a log axis.
    func ticks(count: Int = 6) -> [Double] {
        switch spacing {
        case .logarithmic:
            var result: [Double] = []
            var value = low
            while value <= high * 1.000_001 {
                result.append(value)
                value *= 10
            }
            return result
        case .linear:
            let raw = (high - low) / Double(count)
            var magnitude = 1.0
            while magnitude * 10 <= raw { magnitude *= 10 }
            while magnitude > raw { magnitude /= 10 }
            let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
            var value = (low / step).rounded(.down) * step
            var result: [Double] = []
            while value <= high + step * 1e-9 {
                if value >= low - step * 1e-9 { result.append(abs(value) < step * 1e-9 ? 0 : value) }
                value += step
            }
            return result
        }
    }

    /// A tick's label: as many decimals as the linear step needs (0.2 → one), powers of ten in full
    /// (with thousands as k and millions as M).
    func label(_ value: Double, among ticks: [Double]) -> String {
        switch spacing {
        case .logarithmic:
            if value >= 1_000_000 { return "\(Int((value / 1_000_000).rounded()))M" }
            if value >= 1_000 { return "\(Int((value / 1_000).rounded()))k" }
            return value >= 1 ? "\(Int(value.rounded()))" : fixed(value, Int(-log10(value).rounded()))
        case .linear:
            let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
            var decimals = 0
            var scaled = step
            while scaled < 0.999_999 && decimals < 6 {
                scaled *= 10
                decimals += 1
            }
            return fixed(value, decimals)
        }
    }
}
