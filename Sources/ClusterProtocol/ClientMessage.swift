import ByteCodec
import Foundation

/// The client protocol `TBC3` (docs/PROTOCOL.md): submit, status, cancel, fetch, forget, prune.
package enum ClientMessage: Sendable, Equatable {
    /// Client → coordinator: a job bundle (canonical encoding), the job's display name
    /// (may be empty; not part of the job id) and its fair-share priority (1…255; nil: not
    /// given, 1 for a new job). Neither is part of the job's identity or outputs.
    case submit(bundle: [UInt8], name: String, priority: Int? = nil)
    /// Coordinator → client: the job id of a submitted job and what the submission did.
    case accepted(job: String, disposition: SubmitDisposition)
    /// Client → coordinator: status of one job, or of everything when `job` is nil.
    case status(job: String?)
    /// Client → coordinator: status of the jobs `filter` selects (STATUS with an empty job
    /// frame and a filter frame) and of every worker.
    case listJobs(filter: JobListFilter)
    /// Coordinator → client: status as UTF-8 JSON.
    case statusReply(json: [UInt8])
    /// Client → coordinator: cancel a job (reply: STATUS_REPLY).
    case cancel(job: String)
    /// Client → coordinator: list the result files of a finished job.
    case fetch(job: String)
    /// Coordinator → client: the result files, as UTF-8 JSON `[{"name", "size", "sha256"}]`.
    case files(job: String, json: [UInt8])
    /// Client → coordinator: bytes `offset ..< offset+length` of a result file.
    case chunkRequest(job: String, name: String, offset: UInt64, length: UInt32)
    /// Coordinator → client: a chunk (shorter than asked at the end of the file).
    case chunk(job: String, name: String, offset: UInt64, data: [UInt8])
    /// Client → coordinator: remove a finished job, its results and its files.
    case forget(job: String)
    /// Client → coordinator: remove every finished job that finished more than `seconds` ago.
    case prune(olderThanSeconds: UInt64)
    /// Coordinator → client (to FORGET and PRUNE): UTF-8 JSON `{"removed": [ids], "store_bytes_before", "store_bytes_after"}`.
    case removed(json: [UInt8])
    /// Coordinator → client: the request failed.
    case error(code: ClientErrorCode, message: String)

    package enum Code: UInt8 {
        case submit = 0x11, accepted = 0x12, status = 0x13, statusReply = 0x14, cancel = 0x15
        case fetch = 0x16, files = 0x17, chunkRequest = 0x18, chunk = 0x19
        case forget = 0x1a, prune = 0x1b, removed = 0x1c, error = 0x1f
    }

    /// Header, command and body frames (without any routing id).
    package var frames: [[UInt8]] {
        let h = WireProtocol.clientHeader
        switch self {
        case .submit(let bundle, let name, let priority):
            let named = [h, [Code.submit.rawValue], bundle, Array(name.utf8.prefix(WireProtocol.maxJobNameBytes))]
            guard let priority else { return named }
            return named + [[UInt8(clamping: min(max(priority, 1), WireProtocol.maxPriority))]]
        case .accepted(let job, let disposition): return [h, [Code.accepted.rawValue], Array(job.utf8), [disposition.rawValue]]
        case .status(let job): return [h, [Code.status.rawValue], Array((job ?? "").utf8)]
        case .listJobs(let filter): return [h, [Code.status.rawValue], [], filter.json]
        case .statusReply(let json): return [h, [Code.statusReply.rawValue], json]
        case .cancel(let job): return [h, [Code.cancel.rawValue], Array(job.utf8)]
        case .fetch(let job): return [h, [Code.fetch.rawValue], Array(job.utf8)]
        case .files(let job, let json): return [h, [Code.files.rawValue], Array(job.utf8), json]
        case .chunkRequest(let job, let name, let offset, let length):
            var w = ByteWriter(capacity: 12)
            w.appendUInt64(offset)
            w.appendUInt32(length)
            return [h, [Code.chunkRequest.rawValue], Array(job.utf8), Array(name.utf8), w.bytes]
        case .chunk(let job, let name, let offset, let data):
            var w = ByteWriter(capacity: 8)
            w.appendUInt64(offset)
            return [h, [Code.chunk.rawValue], Array(job.utf8), Array(name.utf8), w.bytes, data]
        case .forget(let job): return [h, [Code.forget.rawValue], Array(job.utf8)]
        case .prune(let seconds):
            var w = ByteWriter(capacity: 8)
            w.appendUInt64(seconds)
            return [h, [Code.prune.rawValue], w.bytes]
        case .removed(let json): return [h, [Code.removed.rawValue], json]
        case .error(let code, let message):
            var w = ByteWriter(capacity: 2)
            w.appendUInt16(code.rawValue)
            return [h, [Code.error.rawValue], w.bytes, Array(message.utf8.prefix(WireProtocol.maxTextBytes))]
        }
    }

    /// Decodes the frames after the header (command first). Validates every field.
    package static func decode(_ frames: ArraySlice<[UInt8]>) throws(FrameError) -> ClientMessage {
        let (byte, body) = try WireFields.command(frames)
        guard let code = Code(rawValue: byte) else { throw .unknownCommand(byte) }
        let f = Array(body)
        switch code {
        case .submit:
            guard (1...3).contains(body.count) else {
                throw .malformed("SUBMIT needs a bundle, optionally a name and a priority (1 to 3 frames)")
            }
            let name = body.count >= 2 ? try WireFields.text(f[1], limit: WireProtocol.maxJobNameBytes, field: "job name") : ""
            guard body.count == 3 else { return .submit(bundle: f[0], name: name) }
            guard f[2].count == 1, f[2][0] >= 1 else { throw .malformed("SUBMIT priority must be 1 byte, 1…255") }
            return .submit(bundle: f[0], name: name, priority: Int(f[2][0]))
        case .accepted:
            try WireFields.exactCount(body, 2, "ACCEPTED")
            guard f[1].count == 1, let disposition = SubmitDisposition(rawValue: f[1][0]) else {
                throw .malformed("ACCEPTED disposition must be 1 byte, 1…4")
            }
            return .accepted(job: try WireFields.jobID(f[0]), disposition: disposition)
        case .status:
            guard body.count == 1 || (body.count == 2 && f[0].isEmpty) else {
                throw .malformed("STATUS needs a job id, or an empty frame and optionally a filter")
            }
            if body.count == 2 { return .listJobs(filter: try JobListFilter.decode(f[1])) }
            return .status(job: f[0].isEmpty ? nil : try WireFields.jobID(f[0]))
        case .statusReply:
            try WireFields.exactCount(body, 1, "STATUS_REPLY")
            return .statusReply(json: f[0])
        case .cancel:
            try WireFields.exactCount(body, 1, "CANCEL")
            return .cancel(job: try WireFields.jobID(f[0]))
        case .fetch:
            try WireFields.exactCount(body, 1, "FETCH")
            return .fetch(job: try WireFields.jobID(f[0]))
        case .files:
            try WireFields.exactCount(body, 2, "FILES")
            return .files(job: try WireFields.jobID(f[0]), json: f[1])
        case .chunkRequest:
            try WireFields.exactCount(body, 3, "CHUNK request")
            let job = try WireFields.jobID(f[0])
            let name = try WireFields.text(f[1], limit: 255, field: "file name")
            guard f[2].count == 12 else { throw .malformed("CHUNK request range must be 12 bytes") }
            let (offset, length) = try WireFields.read(f[2]) { r in (try r.readUInt64(), try r.readUInt32()) }
            return .chunkRequest(job: job, name: name, offset: offset, length: length)
        case .chunk:
            try WireFields.exactCount(body, 4, "CHUNK")
            let job = try WireFields.jobID(f[0])
            let name = try WireFields.text(f[1], limit: 255, field: "file name")
            guard f[2].count == 8 else { throw .malformed("CHUNK offset must be 8 bytes") }
            return .chunk(job: job, name: name, offset: try WireFields.read(f[2]) { r in try r.readUInt64() }, data: f[3])
        case .forget:
            try WireFields.exactCount(body, 1, "FORGET")
            return .forget(job: try WireFields.jobID(f[0]))
        case .prune:
            try WireFields.exactCount(body, 1, "PRUNE")
            guard f[0].count == 8 else { throw .malformed("PRUNE age must be 8 bytes") }
            return .prune(olderThanSeconds: try WireFields.read(f[0]) { r in try r.readUInt64() })
        case .removed:
            try WireFields.exactCount(body, 1, "REMOVED")
            return .removed(json: f[0])
        case .error:
            try WireFields.exactCount(body, 2, "ERROR")
            guard f[0].count == 2 else { throw .malformed("ERROR code must be 2 bytes") }
            let code = ClientErrorCode(rawValue: try WireFields.read(f[0]) { r in try r.readUInt16() }) ?? .other
            return .error(code: code, message: try WireFields.text(f[1], limit: WireProtocol.maxTextBytes, field: "message"))
        }
    }
}
