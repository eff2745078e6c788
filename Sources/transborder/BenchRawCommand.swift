import ArgumentParser
import Cluster
import ClusterSupport

/// `transborder bench raw`: pipelined DEALER → ROUTER messages per second with nothing
/// else — the ceiling `bench cluster` is measured against.
struct BenchRawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raw",
        abstract: "Pipelined DEALER->ROUTER messages per second: the libzmq ceiling, no storage.",
        discussion: """
            Sends --messages 100-byte messages from a DEALER to a ROUTER in this process, \
            pipelined, and prints a last line `messages/s: <number>`.
            """
    )

    @Option(help: "Messages to send.")
    var messages: Int = 200_000

    @Option(help: "Transport between the two sockets: ipc or tcp (127.0.0.1).")
    var transport: Transport = BenchProcessDefaults.transport

    func validate() throws {
        guard messages >= 1 else { throw ValidationError("--messages must be positive") }
    }

    func run() throws {
        let rate = try RawZeroMQBenchmark.run(count: messages, transport: transport)
        print("raw pipelined DEALER->ROUTER 100 B over \(transport), \(messages) messages")
        print("messages/s: \(String(format: "%.0f", rate))")
    }
}
