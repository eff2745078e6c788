import Cluster
import ClusterProtocol
import Foundation

/// Measures the wire encoding choice: the binary RESULT message (docs/PROTOCOL.md) against the same
/// content as JSON (Foundation's JSONEncoder/JSONDecoder), encode + decode per message.
package enum CodecBenchmark {
    package struct JSONResult: Codable {
        package var job: String
        package var index: Int
        package var payload: Data
    }

    /// Messages per second for (binary, json), each over `count` messages.
    package static func run(count: Int) -> (binary: Double, json: Double) {
        let job = "0123456789abcdef"
        let payload: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        var sink = 0
        var start = MonotonicClock.now()
        for i in 0..<count {
            let frames = WorkerMessage.results(job: job, indices: [i], payloads: [payload]).frames
            if case .worker(.results(_, let indices, _))? = try? InboundMessage.decode(frames[...]) { sink &+= indices[0] }
        }
        let binary = Double(count) / (MonotonicClock.now() - start)
        let encoder = JSONEncoder()
        let decoder = JSONDecoder()
        start = MonotonicClock.now()
        for i in 0..<count {
            if let data = try? encoder.encode(JSONResult(job: job, index: i, payload: Data(payload))),
                let back = try? decoder.decode(JSONResult.self, from: data)
            {
                sink &+= back.index
            }
        }
        let json = Double(count) / (MonotonicClock.now() - start)
        if sink == -1 { print(sink) }
        return (binary, json)
    }
}
