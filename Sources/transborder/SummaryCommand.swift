import ArgumentParser

/// `transborder summary` — placeholder until its issue lands.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print the periods table of a finished job's output folder."
    )

    func run() throws {
        throw ValidationError("'summary' is not available in this build yet")
    }
}
