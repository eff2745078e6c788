import ArgumentParser
import ClusterSupport

/// `transborder bench codec`: the wire's binary frames against JSON for the same RESULT
/// message — why the protocol is binary (docs/PROTOCOL.md).
struct BenchCodecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codec",
        abstract: "RESULT messages encoded and decoded per second: binary frames vs JSON.",
        discussion: """
            Encodes and decodes --messages one-result RESULT messages in this process, once \
            as the protocol's binary frames and once as JSON, and prints both rates.
            """
    )

    @Option(help: "Messages to encode and decode with each codec.")
    var messages: Int = 200_000

    func validate() throws {
        guard messages >= 1 else { throw ValidationError("--messages must be positive") }
    }

    func run() throws {
        let rates = CodecBenchmark.run(count: messages)
        print("binary RESULT encode+decode: \(String(format: "%.0f", rates.binary)) messages/s")
        print("JSON RESULT encode+decode: \(String(format: "%.0f", rates.json)) messages/s")
    }
}
