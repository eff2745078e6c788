import ArgumentParser

/// `transborder keygen` — placeholder until its issue lands.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Write a CURVE key pair (Z85 text) for authenticated clusters."
    )

    func run() throws {
        throw ValidationError("'keygen' is not available in this build yet")
    }
}
