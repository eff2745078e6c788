import ArgumentParser

/// `transborder cancel` — placeholder until its issue lands.
struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a job on a coordinator."
    )

    func run() throws {
        throw ValidationError("'cancel' is not available in this build yet")
    }
}
