public import RealModule

extension Sequence where Element: Real {
    /// Whether both sequences have the same length and every pair of elements is approximately
    /// equal in the sense of swift-numerics' `isApproximatelyEqual` (the one comparison tests use
    /// for computed floats).
    public func isApproximatelyEqual<Other: Sequence<Element>>(
        to other: Other, absoluteTolerance: Element = 0, relativeTolerance: Element = Element.ulpOfOne.squareRoot()
    ) -> Bool {
        var mine = makeIterator()
        var theirs = other.makeIterator()
        while true {
            switch (mine.next(), theirs.next()) {
            case (nil, nil): return true
            case (let a?, let b?):
                guard
                    a.isApproximatelyEqual(
                        to: b, absoluteTolerance: absoluteTolerance, relativeTolerance: relativeTolerance)
                else {
                    return false
                }
            default: return false
            }
        }
    }
}
