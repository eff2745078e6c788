import ArgumentParser

/// `transborder submit` — placeholder until its issue lands.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit a job to a coordinator."
    )

    func run() throws {
        throw ValidationError("'submit' is not available in this build yet")
    }
}
