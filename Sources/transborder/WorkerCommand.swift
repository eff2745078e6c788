import ArgumentParser

/// `transborder worker` — placeholder until its issue lands.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Connect to a coordinator and compute tasks."
    )

    func run() throws {
        throw ValidationError("'worker' is not available in this build yet")
    }
}
