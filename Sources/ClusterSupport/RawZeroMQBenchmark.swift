import Cluster
import ConcurrencyTools
import Foundation
import ZeroMQ

/// The ceiling for `bench cluster`: pipelined 100-byte messages DEALER → ROUTER through
/// libzmq with this project's wrapper, sender on its own thread, no acknowledgement, no
/// storage — what the hardware and libzmq allow before any protocol work.
package enum RawZeroMQBenchmark {
    /// Messages per second received over `transport` for `count` messages.
    package static func run(count: Int, transport: Transport) throws -> Double {
        let context = try ZMQContext()
        let router = try context.socket(.router)
        try router.setHighWaterMarks(send: 100_000, receive: 100_000)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tb-raw-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try router.bind(transport == .tcp ? "tcp://127.0.0.1:*" : "ipc://\(directory.path)/raw.sock")
        let endpoint = try router.lastEndpoint
        let sender = OwnedThread(name: "raw sender") { _ in
            let dealer = try context.socket(.dealer)
            defer { dealer.close() }
            try dealer.setHighWaterMarks(send: 100_000, receive: 100_000)
            try dealer.connect(endpoint)
            let payload = [UInt8](repeating: 120, count: 100)
            for _ in 0..<count { _ = try? dealer.send([payload], dontWait: false) }
            // Keep the socket open until the receiver has everything (LINGER is 0).
            _ = try? dealer.receive(dontWait: false)
        }
        _ = try router.receive(dontWait: false)
        let start = MonotonicClock.now()
        var peer: [UInt8] = []
        for _ in 1..<count {
            if let message = try router.receive(dontWait: false), let id = message.frames.first { peer = id }
        }
        let seconds = MonotonicClock.now() - start
        _ = try router.send([peer, [1]], dontWait: false)
        defer { router.close() }
        try sender.join()
        return Double(count - 1) / seconds
    }
}
