import Foundation
import Logging

/// Client protocol handling: submit, status, cancel, fetch.
extension Coordinator {
    func handleClient(_ peer: PeerID, _ message: ClientMessage) throws {
        switch message {
        case let .submit(bytes): try submit(peer, bytes)
        case let .status(id): statusReply(peer, id)
        case let .cancel(id): try cancel(peer, id)
        case let .fetch(id): listFiles(peer, id)
        case let .chunkRequest(id, name, offset, length): sendChunk(peer, id, name: name, offset: offset, length: length)
        case .accepted, .statusReply, .files, .chunk, .error:
            logger.warning("dropped coordinator-only command sent by a client", metadata: ["peer": "\(peer)"])
            reply(peer, ClientMessage.error(code: .malformedRequest, message: "not a request").frames)
        }
    }

    func fail(_ peer: PeerID, _ code: ClientErrorCode, _ text: String) {
        reply(peer, ClientMessage.error(code: code, message: text).frames)
    }

    func submit(_ peer: PeerID, _ bytes: [UInt8]) throws {
        guard accepting else { return fail(peer, .shuttingDown, "coordinator is shutting down") }
        let bundle: JobBundle
        do { bundle = try JobBundle(encoded: bytes) } catch {
            logger.warning("rejected submission: \(error)", metadata: ["peer": "\(peer)"])
            return fail(peer, .malformedRequest, "\(error)")
        }
        guard let backend = config.backends[bundle.kind] else {
            return fail(peer, .unknownKind, "no backend for job kind '\(bundle.kind)'; this coordinator knows \(config.backends.keys.sorted().joined(separator: ", "))")
        }
        let hash = bundle.contentHash  // hashes the whole bundle: once per submission
        let prepared: any PreparedJob
        do { prepared = try config.handoff?.take(hash) ?? backend.prepare(bundle) } catch {
            logger.warning("rejected submission: \(error)", metadata: ["peer": "\(peer)", "kind": "\(bundle.kind)"])
            return fail(peer, .invalidJob, "\(error)")
        }
        let id = String(hash.prefix(16))
        if jobs[id] == nil {
            if let record = try store.job(id: id) {
                if record.state == .failed || record.state == .cancelled {
                    try store.begin()
                    try store.clearTaskHistory(serial: record.serial)
                    try store.setState(serial: record.serial, .queued)
                    var again = record
                    again.state = .queued
                    finished.removeValue(forKey: id)
                    finishedOrder.removeAll { $0 == id }
                    try activate(again, prepared: prepared)
                    logger.info("job submitted again", metadata: ["job": "\(id)", "tasks": "\(record.taskCount)"])
                }
            } else {
                try store.begin()
                let now = MonotonicClock.wall()
                let serial = try store.insertJob(id: id, kind: bundle.kind, bundleHash: hash, bundle: bytes,
                                                 taskCount: prepared.taskCount, submittedAt: now)
                let record = JobRecord(serial: serial, id: id, kind: bundle.kind, bundleHash: hash, taskCount: prepared.taskCount,
                                       state: .queued, error: nil, submittedAt: now, finishedAt: nil, retries: 0, lost: 0)
                try activate(record, prepared: prepared)
                logger.info("job submitted", metadata: ["job": "\(id)", "kind": "\(bundle.kind)", "tasks": "\(prepared.taskCount)"])
            }
        }
        reply(peer, ClientMessage.accepted(job: id).frames)
    }

    func currentStatus(_ id: String) -> JobStatus? {
        if let job = jobs[id] { return status(of: job) }
        return finished[id]
    }

    func statusReply(_ peer: PeerID, _ id: String?) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let id {
            guard let status = currentStatus(id) else { return fail(peer, .unknownJob, "no job \(id)") }
            reply(peer, ClientMessage.statusReply(json: Array((try? encoder.encode(status)) ?? Data())).frames)
            return
        }
        let all = finishedOrder.compactMap { finished[$0] } + jobOrder.compactMap { jobs[$0].map(status(of:)) }
        let workerList = workerOrder.compactMap { workers[$0] }.map {
            WorkerStatus(name: $0.name, threads: $0.threads, credit: $0.credit, inFlight: $0.inFlight.count, tasksDone: $0.tasksDone)
        }
        let cluster = ClusterStatus(jobs: all, workers: workerList)
        reply(peer, ClientMessage.statusReply(json: Array((try? encoder.encode(cluster)) ?? Data())).frames)
    }

    func cancel(_ peer: PeerID, _ id: String) throws {
        if let job = jobs[id] {
            if job.state != .aggregating { try finish(job, state: .cancelled) }
        } else if finished[id] == nil {
            return fail(peer, .unknownJob, "no job \(id)")
        }
        statusReply(peer, id)
    }

    /// The folder of a finished job, or an error reply.
    func finishedFolder(_ peer: PeerID, _ id: String) -> URL? {
        guard let status = currentStatus(id) else { fail(peer, .unknownJob, "no job \(id)"); return nil }
        switch status.state {
        case "done": return config.resultsDirectory.appendingPathComponent(id)
        case "failed": fail(peer, .jobFailed, status.error ?? "job failed")
        case "cancelled": fail(peer, .jobCancelled, "job \(id) was cancelled")
        default: fail(peer, .notFinished, "job \(id) is \(status.state) (\(status.tasksDone)/\(status.tasksTotal) tasks)")
        }
        return nil
    }

    func listFiles(_ peer: PeerID, _ id: String) {
        guard let folder = finishedFolder(peer, id) else { return }
        do {
            var entries: [[String: Any]] = []
            for name in try ResultFolder.fileNames(in: folder) {
                let data = try Data(contentsOf: folder.appendingPathComponent(name))
                entries.append(["name": name, "size": data.count, "sha256": ContentHashing.sha256(data)])
            }
            let json = try JSONSerialization.data(withJSONObject: entries, options: [.sortedKeys])
            reply(peer, ClientMessage.files(job: id, json: Array(json)).frames)
        } catch {
            logger.error("cannot list results: \(error)", metadata: ["job": "\(id)"])
            fail(peer, .internalError, "cannot read the results of job \(id): \(error)")
        }
    }

    func sendChunk(_ peer: PeerID, _ id: String, name: String, offset: UInt64, length: UInt32) {
        guard ResultFolder.isSafeName(name) else { return fail(peer, .malformedRequest, "bad file name") }
        guard Int(length) <= WireProtocol.maxChunkBytes else {
            return fail(peer, .tooLarge, "chunks are at most \(WireProtocol.maxChunkBytes) bytes")
        }
        guard let folder = finishedFolder(peer, id) else { return }
        let url = folder.appendingPathComponent(name)
        guard let handle = try? FileHandle(forReadingFrom: url) else { return fail(peer, .fileNotFound, "no file \(name) in job \(id)") }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: offset)
            let data = try handle.read(upToCount: Int(length)) ?? Data()
            reply(peer, ClientMessage.chunk(job: id, name: name, offset: offset, data: Array(data)).frames)
        } catch {
            fail(peer, .internalError, "cannot read \(name): \(error)")
        }
    }
}
