/// One progress report from a training loop, handed to the caller's observer.
///
/// The library never prints; the CLI turns these into a progress bar or plain lines.
public struct TrainingProgress: Sendable {
    /// The step (epoch, iteration) just finished, counting from 0 as the notebook does.
    public var step: Int
    /// How many steps the run has in all.
    public var totalSteps: Int
    /// The training loss after this step, as the model defines it.
    public var loss: Double
    /// The user being trained, for models that train one user at a time.
    public var user: Int?
    /// The model as it stands after this step, for callers that score it on validation data
    /// (models that train epoch by epoch provide it; copying is lazy, so it costs nothing unused).
    public var model: (any RatingModel)?

    /// Creates a report.
    public init(step: Int, totalSteps: Int, loss: Double, user: Int? = nil, model: (any RatingModel)? = nil) {
        self.step = step
        self.totalSteps = totalSteps
        self.loss = loss
        self.user = user
        self.model = model
    }
}

/// Receives training progress; called on the training thread.
public typealias TrainingObserver = @Sendable (TrainingProgress) -> Void
