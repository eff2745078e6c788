import ArgumentParser

/// `transborder centrality` — placeholder until its issue lands.
struct CentralityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "centrality",
        abstract: "Centralities of one graph from an edge list (networkx 3.x conventions)."
    )

    func run() throws {
        throw ValidationError("'centrality' is not available in this build yet")
    }
}
