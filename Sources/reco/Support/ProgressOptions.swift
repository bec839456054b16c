import ArgumentParser

/// `--quiet`: progress goes to stderr (a bar on a terminal, plain lines otherwise) unless silenced.
struct ProgressOptions: ParsableArguments {
    @Flag(help: "No progress output on stderr.")
    var quiet = false

    /// A reporter for a training run called `label`.
    func reporter(label: String) -> ProgressReporter { ProgressReporter(label: label, quiet: quiet) }
}
