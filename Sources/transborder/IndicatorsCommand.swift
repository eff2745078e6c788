import ArgumentParser

/// `transborder indicators` — placeholder until its issue lands.
struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "The per-year network indicator table of a panel or job."
    )

    func run() throws {
        throw ValidationError("'indicators' is not available in this build yet")
    }
}
