import AtomicOutput
import ByteCodec
import Cluster
import Foundation

/// A prepared `noop` job (see `NoopBackend`).
package struct NoopJob: PreparedJob {
    package struct Spec: Decodable {
        package var tasks: Int
        package var payload_bytes: Int?
        package var sleep_ms: Int?
        package var count_file: String?
    }

    package let taskCount: Int
    package let payloadBytes: Int
    package let sleepMilliseconds: Int
    package let countFile: String?
    package let bundleHash: String

    package init(spec data: Data, bundleHash: String) throws {
        let spec: Spec
        do {
            spec = try JSONDecoder().decode(Spec.self, from: data)
        } catch {
            throw BackendError.invalidSpec(kind: "noop", reason: "expected JSON {\"tasks\": N, \"payload_bytes\": k}: \(error)")
        }
        guard (0...100_000_000).contains(spec.tasks) else {
            throw BackendError.invalidSpec(kind: "noop", reason: "tasks must be 0…100000000, got \(spec.tasks)")
        }
        let payload = spec.payload_bytes ?? 8
        guard (4...1_048_576).contains(payload) else {
            throw BackendError.invalidSpec(kind: "noop", reason: "payload_bytes must be 4…1048576, got \(payload)")
        }
        taskCount = spec.tasks
        payloadBytes = payload
        sleepMilliseconds = max(0, spec.sleep_ms ?? 0)
        countFile = spec.count_file
        self.bundleHash = bundleHash
    }

    package func execute(task index: Int) throws -> Data {
        guard (0..<taskCount).contains(index) else { throw BackendError.taskOutOfRange(index: index, count: taskCount) }
        if sleepMilliseconds > 0 { usleep(UInt32(sleepMilliseconds) * 1000) }
        if let countFile { ExecutionLog.append(index: index, to: countFile) }
        var payload = ByteWriter(capacity: payloadBytes)
        payload.appendUInt32(UInt32(truncatingIfNeeded: index))
        var x = UInt64(index) &* 0x9E37_79B9_7F4A_7C15
        for _ in 4..<payloadBytes {
            x ^= x >> 29
            x = x &* 0xBF58_476D_1CE4_E5B9
            payload.appendUInt8(UInt8(truncatingIfNeeded: x >> 56))
        }
        return Data(payload.bytes)
    }

    package func makeFold() -> any ResultFold { NoopFold(taskCount: taskCount, payloadBytes: payloadBytes) }

    package func manifest(run: RunRecord) -> OutputFile {
        OutputFile(name: "manifest.json", data: run.jsonData())
    }
}

/// The `noop` aggregate: a digest and byte count of every result, in index order.
package struct NoopFold: ResultFold {
    package let taskCount: Int
    package let payloadBytes: Int
    package var digest = FNV1a64()
    package var total = 0

    package mutating func fold(_ result: Data, task index: Int) throws {
        total += result.count
        digest.update(result)
    }

    package func files() throws -> [OutputFile] {
        let text = """
            {
              "digest_fnv1a64": "\(digest.hex)",
              "payload_bytes": \(payloadBytes),
              "result_bytes": \(total),
              "tasks": \(taskCount)
            }

            """
        return [OutputFile(name: "noop-summary.json", data: Data(text.utf8))]
    }
}
