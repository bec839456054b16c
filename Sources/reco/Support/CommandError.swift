/// A failure while running a command (as opposed to a usage mistake): printed as `Error: …` with
/// exit code 1 and no usage text.
struct CommandError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
