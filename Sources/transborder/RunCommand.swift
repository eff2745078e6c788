import ArgumentParser

/// `transborder run` — placeholder until its issue lands.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a whole job: in-process (--workers 0) or with local worker processes."
    )

    func run() throws {
        throw ValidationError("'run' is not available in this build yet")
    }
}
