import ArgumentParser

/// `transborder validate` — placeholder until its issue lands.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a job spec and its data without running it."
    )

    func run() throws {
        throw ValidationError("'validate' is not available in this build yet")
    }
}
