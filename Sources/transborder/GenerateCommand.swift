import ArgumentParser

/// `transborder generate` — placeholder until its issue lands.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic panel with planted stages (ground truth for tests)."
    )

    func run() throws {
        throw ValidationError("'generate' is not available in this build yet")
    }
}
