import ArgumentParser

/// `transborder status` — placeholder until its issue lands.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the state of jobs on a coordinator."
    )

    func run() throws {
        throw ValidationError("'status' is not available in this build yet")
    }
}
