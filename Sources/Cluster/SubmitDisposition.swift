/// What a SUBMIT did (the second frame of ACCEPTED): operators are told when a
/// submission reused earlier work instead of starting anything.
public enum SubmitDisposition: UInt8, Sendable, Equatable {
    /// A job the store did not know: queued.
    case new = 1
    /// A failed or cancelled job: queued again, its stored results kept, its tasks' failure budgets restarted.
    case resumed = 2
    /// The job is already queued or running: nothing changed.
    case alreadyActive = 3
    /// The job is already done: its results are reused, nothing is computed.
    case alreadyDone = 4
}
