import ArgumentParser

/// `transborder stages` — placeholder until its issue lands.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "Change points and periods of a yearly indicator series (ruptures conventions)."
    )

    func run() throws {
        throw ValidationError("'stages' is not available in this build yet")
    }
}
