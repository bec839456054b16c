/// Seconds since `start` on the continuous clock.
func secondsElapsed(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

/// A rating-like number: whole numbers without decimals ("5"), others with two ("3.25").
func compactNumber(_ value: Float) -> String {
    value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : fixed(Double(value), 2)
}

/// Fixed-point formatting without Foundation's locale machinery.
func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (abs(value) * scale).rounded()
    let negative = value < 0 && rounded != 0
    var integerPart = (rounded / scale).rounded(.down)
    var fraction = rounded - integerPart * scale
    if fraction >= scale {
        integerPart += 1
        fraction -= scale
    }
    var text = String(format0: integerPart)
    if decimals > 0 {
        var digits = String(Int(fraction))
        while digits.count < decimals { digits = "0" + digits }
        text += "." + digits
    }
    return negative ? "-" + text : text
}

extension String {
    fileprivate init(format0 value: Double) {
        self = value < 1e15 ? String(Int64(value)) : String(value)
    }
}

extension String {
    /// The string with spaces before it up to `width` characters.
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
