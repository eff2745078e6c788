import ArgumentParser

/// `transborder bench` — placeholder until its issue lands.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Built-in benchmarks (e.g. bench cluster)."
    )

    func run() throws {
        throw ValidationError("'bench' is not available in this build yet")
    }
}
