/// A plot input that cannot be drawn.
struct PlotError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
