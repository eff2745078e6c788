import ArgumentParser

/// `transborder fetch` — placeholder until its issue lands.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download a finished job's result files."
    )

    func run() throws {
        throw ValidationError("'fetch' is not available in this build yet")
    }
}
