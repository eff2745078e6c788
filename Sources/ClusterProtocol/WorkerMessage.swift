import ByteCodec
import Foundation

/// The worker protocol `TBW3` (docs/PROTOCOL.md): everything a worker and the coordinator say.
package enum WorkerMessage: Sendable, Equatable {
    /// Worker → coordinator: register with a name, compute threads and credit (tasks in flight).
    case ready(name: String, threads: Int, credit: Int)
    /// Both ways: liveness when nothing else was sent for a heartbeat interval.
    case heartbeat
    /// Coordinator → worker: tasks of one job, whose bundle has content hash `bundleHash`.
    case tasks(job: String, bundleHash: String, tasks: [TaskAssignment])
    /// Worker → coordinator: result bytes of tasks of one job (`indices[i]` ↔ `payloads[i]`).
    case results(job: String, indices: [Int], payloads: [[UInt8]])
    /// Worker → coordinator: the task failed with its own error.
    case failed(job: String, task: TaskAssignment, error: String)
    /// Worker → coordinator: send me the bundle with this content hash.
    case datasetRequest(hash: String)
    /// Coordinator → worker: the bundle (canonical encoding), empty when unknown.
    case dataset(hash: String, bundle: [UInt8])
    /// Both ways: the sender is leaving (or refuses the peer), with a reason.
    case disconnect(reason: DisconnectReason, text: String)
    /// Coordinator → worker: drop these tasks of a job (an empty list: every task of the
    /// job) — the job was cancelled or failed, or the leases expired. Their credit is
    /// already returned; a result sent anyway is accepted only while the task is unfinished.
    case revoke(job: String, indices: [Int])

    package enum Code: UInt8 {
        case ready = 0x01, heartbeat = 0x02, tasks = 0x03, results = 0x04, failed = 0x05
        case datasetRequest = 0x06, dataset = 0x07, disconnect = 0x08, revoke = 0x09
    }

    /// Header, command and body frames (without any routing id).
    package var frames: [[UInt8]] {
        let header = WireProtocol.workerHeader
        switch self {
        case .ready(let name, let threads, let credit):
            var w = ByteWriter(capacity: 8)
            w.appendUInt32(UInt32(clamping: threads))
            w.appendUInt32(UInt32(clamping: credit))
            return [header, [Code.ready.rawValue], w.bytes, Array(name.utf8.prefix(WireProtocol.maxNameBytes))]
        case .heartbeat:
            return [header, [Code.heartbeat.rawValue]]
        case .tasks(let job, let bundleHash, let tasks):
            var w = ByteWriter(capacity: tasks.count * 8)
            for t in tasks {
                w.appendUInt32(UInt32(clamping: t.index))
                w.appendUInt32(UInt32(clamping: t.attempt))
            }
            return [header, [Code.tasks.rawValue], Array(job.utf8), Array(bundleHash.utf8), w.bytes]
        case .results(let job, let indices, let payloads):
            var w = ByteWriter(capacity: indices.count * 4)
            for i in indices { w.appendUInt32(UInt32(clamping: i)) }
            var out: [[UInt8]] = [header, [Code.results.rawValue], Array(job.utf8), w.bytes]
            out.append(contentsOf: payloads)
            return out
        case .failed(let job, let task, let error):
            var w = ByteWriter(capacity: 8)
            w.appendUInt32(UInt32(clamping: task.index))
            w.appendUInt32(UInt32(clamping: task.attempt))
            return [header, [Code.failed.rawValue], Array(job.utf8), w.bytes, Array(error.utf8.prefix(WireProtocol.maxTextBytes))]
        case .datasetRequest(let hash):
            return [header, [Code.datasetRequest.rawValue], Array(hash.utf8)]
        case .dataset(let hash, let bundle):
            return [header, [Code.dataset.rawValue], Array(hash.utf8), bundle]
        case .disconnect(let reason, let text):
            var w = ByteWriter(capacity: 2)
            w.appendUInt16(reason.rawValue)
            return [header, [Code.disconnect.rawValue], w.bytes, Array(text.utf8.prefix(WireProtocol.maxTextBytes))]
        case .revoke(let job, let indices):
            var w = ByteWriter(capacity: indices.count * 4)
            for i in indices { w.appendUInt32(UInt32(clamping: i)) }
            return [header, [Code.revoke.rawValue], Array(job.utf8), w.bytes]
        }
    }

    /// Decodes the frames after the header (command first). Validates every field.
    package static func decode(_ frames: ArraySlice<[UInt8]>) throws(FrameError) -> WorkerMessage {
        let (byte, body) = try WireFields.command(frames)
        guard let code = Code(rawValue: byte) else { throw .unknownCommand(byte) }
        let f = Array(body)
        switch code {
        case .ready:
            try WireFields.exactCount(body, 2, "READY")
            guard f[0].count == 8 else { throw .malformed("READY counts frame must be 8 bytes") }
            let (threads, credit) = try WireFields.read(f[0]) { r in (Int(try r.readUInt32()), Int(try r.readUInt32())) }
            guard (1...4096).contains(threads), (1...65536).contains(credit) else {
                throw .malformed("READY threads must be 1…4096 and credit 1…65536")
            }
            let name = try WireFields.text(f[1], limit: WireProtocol.maxNameBytes, field: "worker name")
            return .ready(name: name, threads: threads, credit: credit)
        case .heartbeat:
            try WireFields.exactCount(body, 0, "HEARTBEAT")
            return .heartbeat
        case .tasks:
            try WireFields.exactCount(body, 3, "TASK")
            let job = try WireFields.jobID(f[0])
            let hash = try WireFields.hash(f[1])
            guard !f[2].isEmpty, f[2].count % 8 == 0, f[2].count / 8 <= WireProtocol.maxBatch else {
                throw .malformed("TASK list must hold 1…\(WireProtocol.maxBatch) entries of 8 bytes")
            }
            let tasks = try WireFields.read(f[2]) { r in
                var tasks: [TaskAssignment] = []
                tasks.reserveCapacity(f[2].count / 8)
                while !r.isAtEnd {
                    tasks.append(TaskAssignment(index: Int(try r.readUInt32()), attempt: Int(try r.readUInt32())))
                }
                return tasks
            }
            return .tasks(job: job, bundleHash: hash, tasks: tasks)
        case .results:
            guard body.count >= 3 else { throw .malformed("RESULT needs a job id, an index list and payloads") }
            let job = try WireFields.jobID(f[0])
            let n = f[1].count / 4
            guard f[1].count % 4 == 0, n >= 1, n <= WireProtocol.maxBatch, body.count == 2 + n else {
                throw .malformed("RESULT index list (\(f[1].count) bytes) does not match \(body.count - 2) payload frames")
            }
            let indices = try WireFields.read(f[1]) { r in
                var indices: [Int] = []
                indices.reserveCapacity(n)
                while !r.isAtEnd { indices.append(Int(try r.readUInt32())) }
                return indices
            }
            return .results(job: job, indices: indices, payloads: Array(f[2...]))
        case .failed:
            try WireFields.exactCount(body, 3, "FAILED")
            let job = try WireFields.jobID(f[0])
            guard f[1].count == 8 else { throw .malformed("FAILED task frame must be 8 bytes") }
            let task = try WireFields.read(f[1]) { r in
                TaskAssignment(index: Int(try r.readUInt32()), attempt: Int(try r.readUInt32()))
            }
            let error = try WireFields.text(f[2], limit: WireProtocol.maxTextBytes, field: "error")
            return .failed(job: job, task: task, error: error)
        case .datasetRequest:
            try WireFields.exactCount(body, 1, "DATASET request")
            return .datasetRequest(hash: try WireFields.hash(f[0]))
        case .dataset:
            try WireFields.exactCount(body, 2, "DATASET")
            return .dataset(hash: try WireFields.hash(f[0]), bundle: f[1])
        case .disconnect:
            try WireFields.exactCount(body, 2, "DISCONNECT")
            guard f[0].count == 2 else { throw .malformed("DISCONNECT reason must be 2 bytes") }
            let reason = DisconnectReason(rawValue: try WireFields.read(f[0]) { r in try r.readUInt16() }) ?? .other
            let text = try WireFields.text(f[1], limit: WireProtocol.maxTextBytes, field: "reason")
            return .disconnect(reason: reason, text: text)
        case .revoke:
            try WireFields.exactCount(body, 2, "REVOKE")
            let job = try WireFields.jobID(f[0])
            guard f[1].count % 4 == 0, f[1].count / 4 <= WireProtocol.maxBatch else {
                throw .malformed("REVOKE index list must hold 0…\(WireProtocol.maxBatch) entries of 4 bytes")
            }
            let indices = try WireFields.read(f[1]) { r in
                var indices: [Int] = []
                while !r.isAtEnd { indices.append(Int(try r.readUInt32())) }
                return indices
            }
            return .revoke(job: job, indices: indices)
        }
    }
}
