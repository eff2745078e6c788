import ArgumentParser

/// `transborder coordinator` — placeholder until its issue lands.
struct CoordinatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordinator",
        abstract: "Serve jobs to workers over ZeroMQ, keeping state in a SQLite store."
    )

    func run() throws {
        throw ValidationError("'coordinator' is not available in this build yet")
    }
}
