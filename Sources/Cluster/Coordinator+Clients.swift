import ClusterProtocol
import Foundation
import JobStore
import Logging

/// Client protocol handling: submit, status, cancel, fetch.
extension Coordinator {
    func handleClient(_ peer: PeerID, _ message: ClientMessage) throws {
        switch message {
        case .submit(let bytes, let name, let priority): try submit(peer, bytes, name: name, priority: priority)
        case .status(let id?): try statusReply(peer, id)
        case .status(nil): try listReply(peer, JobListFilter())
        case .listJobs(let filter): try listReply(peer, filter)
        case .cancel(let id): try cancel(peer, id)
        case .fetch(let id): try listFiles(peer, id)
        case .chunkRequest(let id, let name, let offset, let length): try sendChunk(peer, id, name: name, offset: offset, length: length)
        case .forget(let id): try forget(peer, [id])
        case .prune(let seconds): try prune(peer, olderThan: Double(seconds))
        case .accepted, .statusReply, .files, .chunk, .removed, .error:
            logger.warning("dropped coordinator-only command sent by a client", metadata: ["peer": "\(peer)"])
            reply(peer, ClientMessage.error(code: .malformedRequest, message: "not a request").frames)
        }
    }

    func fail(_ peer: PeerID, _ code: ClientErrorCode, _ text: String) {
        reply(peer, ClientMessage.error(code: code, message: text).frames)
    }

    /// Prepares the bundle off the loop (`BackgroundWork`); `submitted` finishes on the loop.
    func submit(_ peer: PeerID, _ bytes: [UInt8], name: String, priority: Int?) throws {
        guard accepting else { return fail(peer, .shuttingDown, "coordinator is shutting down") }
        let backends = config.backends
        let handoff = config.handoff
        background.run {
            .submitted(
                peer: peer, bytes: bytes, name: name, priority: priority,
                result: Self.prepareSubmission(bytes, backends: backends, handoff: handoff))
        }
    }

    /// Decodes, hashes and prepares a submitted bundle (on the background queue).
    static func prepareSubmission(
        _ bytes: [UInt8], backends: [String: any TaskBackend],
        handoff: PreparedJobHandoff?
    ) -> Result<PreparedSubmission, ClientRefusal> {
        let bundle: JobBundle
        do { bundle = try JobBundle(encoded: bytes) } catch {
            return .failure(ClientRefusal(code: .malformedRequest, message: "\(error)"))
        }
        guard let backend = backends[bundle.kind] else {
            return .failure(
                ClientRefusal(
                    code: .unknownKind,
                    message:
                        "no backend for job kind '\(bundle.kind)'; this coordinator knows \(backends.keys.sorted().joined(separator: ", "))"
                ))
        }
        let hash = bundle.contentHash  // hashes the whole bundle: once per submission
        do {
            let prepared = try handoff?.take(hash) ?? backend.prepare(bundle)
            return .success(PreparedSubmission(kind: bundle.kind, hash: hash, prepared: prepared))
        } catch {
            return .failure(ClientRefusal(code: .invalidJob, message: "\(error)"))
        }
    }

    /// Stores a prepared submission (on the loop) and replies ACCEPTED.
    func submitted(
        _ peer: PeerID, _ bytes: [UInt8], name: String, priority: Int?, _ result: Result<PreparedSubmission, ClientRefusal>
    ) throws {
        guard accepting else { return fail(peer, .shuttingDown, "coordinator is shutting down") }
        let submission: PreparedSubmission
        switch result {
        case .success(let value): submission = value
        case .failure(let refusal):
            logger.warning("rejected submission: \(refusal.message)", metadata: ["peer": "\(peer)"])
            return fail(peer, refusal.code, refusal.message)
        }
        let hash = submission.hash
        let prepared = submission.prepared
        let kind = submission.kind
        let id = String(hash.prefix(16))
        var disposition = SubmitDisposition.alreadyActive
        if let active = jobs[id] {
            if let priority, priority != active.priority {
                // Submitting an active job again with --priority re-weights it.
                active.priority = priority
                try store.begin()
                try store.setPriority(serial: active.serial, priority)
                logger.info("job priority changed", metadata: ["job": "\(id)", "priority": "\(priority)"])
            }
        } else {
            if let record = try store.job(id: id) {
                if record.state == .failed || record.state == .cancelled {
                    let now = MonotonicClock.wall()
                    try store.begin()
                    try store.clearTaskHistory(serial: record.serial)
                    let weight = priority ?? record.priority
                    try store.resubmit(
                        serial: record.serial, name: name.isEmpty ? record.name : name, submittedAt: now, priority: weight)
                    var again = record
                    again.state = .queued
                    again.error = nil
                    again.finishedAt = nil
                    again.submittedAt = now
                    again.priority = weight
                    again.quarantined = []
                    if !name.isEmpty { again.name = name }
                    try activate(again, prepared: prepared)
                    disposition = .resumed
                    logger.info("job submitted again", metadata: ["job": "\(id)", "tasks": "\(record.taskCount)"])
                } else {
                    disposition = .alreadyDone
                    logger.info("job submitted again: already done, results reused", metadata: ["job": "\(id)"])
                }
            } else {
                try store.begin()
                let now = MonotonicClock.wall()
                let serial = try store.insertJob(
                    id: id, kind: kind, bundleHash: hash, bundle: bytes,
                    taskCount: prepared.taskCount, submittedAt: now, name: name, priority: priority ?? 1)
                let record = JobRecord(
                    serial: serial, id: id, kind: kind, bundleHash: hash, taskCount: prepared.taskCount,
                    state: .queued, error: nil, submittedAt: now, finishedAt: nil, retries: 0, lost: 0, name: name,
                    priority: priority ?? 1)
                try activate(record, prepared: prepared)
                disposition = .new
                logger.info(
                    "job submitted",
                    metadata: [
                        "job": "\(id)", "name": "\(name)", "kind": "\(kind)", "tasks": "\(prepared.taskCount)",
                        "priority": "\(priority ?? 1)",
                    ])
            }
        }
        reply(peer, ClientMessage.accepted(job: id, disposition: disposition).frames)
    }

    /// A job's status: live for an active job, from the store for a finished one.
    func currentStatus(_ id: String) throws -> JobStatus? {
        var status: JobStatus?
        if let job = jobs[id] {
            status = self.status(of: job)
        } else if let record = try store.job(id: id) {
            status = try self.status(of: record)
        }
        if var counted = status {
            countWorkers(&counted, job: jobs[id])
            status = counted
        }
        return status
    }

    /// Sets the connected and eligible workers of a status, and whether the job waits for
    /// workers: it has tasks left and every connected worker (if any) is quarantined for it.
    func countWorkers(_ status: inout JobStatus, job: ActiveJob?) {
        status.workersConnected = workers.count
        guard let job else {
            status.eligibleWorkers = workers.count
            status.waitingForWorkers = false
            return
        }
        status.eligibleWorkers = eligibleWorkers(for: job)
        status.waitingForWorkers = isWaitingForWorkers(job, eligible: status.eligibleWorkers)
    }

    /// Connected workers not quarantined for `job`.
    func eligibleWorkers(for job: ActiveJob) -> Int {
        job.quarantined.isEmpty ? workers.count : workers.names.count { !job.quarantined.contains($0) }
    }

    func isWaitingForWorkers(_ job: ActiveJob, eligible: Int) -> Bool {
        eligible == 0 && (job.state == .queued || job.state == .running) && !job.isComplete
    }

    static func statusEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    func statusReply(_ peer: PeerID, _ id: String) throws {
        guard let status = try currentStatus(id) else { return fail(peer, .unknownJob, "no job \(id)") }
        reply(peer, ClientMessage.statusReply(json: Array((try? Self.statusEncoder().encode(status)) ?? Data())).frames)
    }

    /// `status` without a job: the jobs `filter` selects, filtered and cut here (newest
    /// submission first, at most its limit) so the reply is bounded, and every worker.
    func listReply(_ peer: PeerID, _ filter: JobListFilter) throws {
        let listed = try listJobs(filter)
        let workerList = workers.all.map { session in
            WorkerStatus(
                name: session.name, threads: session.threads, credit: session.credit, inFlight: session.inFlight.count,
                tasksDone: session.tasksDone,
                quarantinedFor: jobs.activeJobs.filter { $0.quarantined.contains(session.name) }.map(\.id), keyName: session.keyName)
        }
        let cluster = ClusterStatus(jobs: listed.jobs, jobsMatching: listed.matching, workers: workerList, droppedMessages: dropped)
        reply(peer, ClientMessage.statusReply(json: Array((try? Self.statusEncoder().encode(cluster)) ?? Data())).frames)
    }

    /// The jobs `filter` selects, newest first, with active ones' live status.
    func listJobs(_ filter: JobListFilter) throws -> (jobs: [JobStatus], matching: Int) {
        let states = filter.states.map { reported in
            JobState.allCases.filter { reported.contains($0.reported) }
        }
        let (records, matching) = try store.jobs(
            matching: JobFilter(states: states, since: filter.since, match: filter.match, limit: filter.effectiveLimit))
        var listed: [JobStatus] = []
        listed.reserveCapacity(records.count)
        for record in records {
            var status = try jobs[record.id].map(status(of:)) ?? status(of: record)
            countWorkers(&status, job: jobs[record.id])
            listed.append(status)
        }
        return (listed, matching)
    }

    func cancel(_ peer: PeerID, _ id: String) throws {
        if let job = jobs[id] {
            if job.state != .aggregating { try finish(job, state: .cancelled) }
        }
        try statusReply(peer, id)
    }

    /// FORGET and PRUNE: removes finished jobs (never an active one), their results, task
    /// histories and result folders, then VACUUMs the store; replies REMOVED.
    func forget(_ peer: PeerID, _ ids: [String]) throws {
        for id in ids {
            if jobs[id] != nil {
                return fail(
                    peer, .jobActive,
                    "job \(id) is \((try currentStatus(id))?.state.rawValue ?? "active"); cancel it first (forget removes finished jobs only)"
                )
            }
            if try store.job(id: id) == nil { return fail(peer, .unknownJob, "no job \(id)") }
        }
        try store.commit()
        let before = store.fileBytes
        let removed = try removeFinishedJobs(ids)
        if !removed.isEmpty { try store.vacuum() }
        let after = store.fileBytes
        logger.info(
            "forgot jobs",
            metadata: ["jobs": "\(removed.joined(separator: ","))", "store_bytes_before": "\(before)", "store_bytes_after": "\(after)"])
        let json = try JSONSerialization.data(
            withJSONObject: ["removed": removed, "store_bytes_before": before, "store_bytes_after": after],
            options: [.sortedKeys])
        reply(peer, ClientMessage.removed(json: Array(json)).frames)
    }

    func prune(_ peer: PeerID, olderThan seconds: Double) throws {
        let cutoff = MonotonicClock.wall() - seconds
        try forget(peer, try store.finishedJobIDs(before: cutoff))
    }

    /// The folder of a finished job, or an error reply.
    func finishedFolder(_ peer: PeerID, _ id: String) throws -> URL? {
        guard let status = try currentStatus(id) else {
            fail(peer, .unknownJob, "no job \(id)")
            return nil
        }
        switch status.state {
        case .done: return config.resultsDirectory.appendingPathComponent(id)
        case .failed: fail(peer, .jobFailed, status.error ?? "job failed")
        case .cancelled: fail(peer, .jobCancelled, "job \(id) was cancelled")
        case .queued, .running: fail(peer, .notFinished, "job \(id) is \(status.state) (\(status.tasksDone)/\(status.tasksTotal) tasks)")
        }
        return nil
    }

    /// Lists and hashes the result files off the loop; the FILES reply follows from `iterate`.
    func listFiles(_ peer: PeerID, _ id: String) throws {
        guard let folder = try finishedFolder(peer, id) else { return }
        background.run {
            .files(peer: peer, job: id, result: Self.fileList(folder, job: id))
        }
    }

    /// The FILES JSON of a result folder (on the background queue).
    static func fileList(_ folder: URL, job id: String) -> Result<[UInt8], ClientRefusal> {
        do {
            var entries: [[String: Any]] = []
            for name in try ResultFolder.fileNames(in: folder) {
                let data = try Data(contentsOf: folder.appendingPathComponent(name))
                entries.append(["name": name, "size": data.count, "sha256": ContentHash.sha256(data)])
            }
            return .success(Array(try JSONSerialization.data(withJSONObject: entries, options: [.sortedKeys])))
        } catch {
            return .failure(ClientRefusal(code: .internalError, message: "cannot read the results of job \(id): \(error)"))
        }
    }

    /// Replies for the work `BackgroundWork` finished.
    func collectBackgroundWork() throws {
        for outcome in background.takeFinished() {
            switch outcome {
            case .submitted(let peer, let bytes, let name, let priority, let result):
                try submitted(peer, bytes, name: name, priority: priority, result)
            case .files(let peer, let id, .success(let json)):
                reply(peer, ClientMessage.files(job: id, json: json).frames)
            case .files(let peer, let id, .failure(let refusal)):
                logger.error("cannot list results: \(refusal.message)", metadata: ["job": "\(id)"])
                fail(peer, refusal.code, refusal.message)
            }
        }
    }

    func sendChunk(_ peer: PeerID, _ id: String, name: String, offset: UInt64, length: UInt32) throws {
        guard ResultFolder.isSafeName(name) else { return fail(peer, .malformedRequest, "bad file name") }
        guard Int(length) <= WireProtocol.maxChunkBytes else {
            return fail(peer, .tooLarge, "chunks are at most \(WireProtocol.maxChunkBytes) bytes")
        }
        guard let folder = try finishedFolder(peer, id) else { return }
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
