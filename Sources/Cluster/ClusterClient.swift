import AtomicOutput
import ClusterProtocol
import Foundation
import ZeroMQ

/// A client of the coordinator (submit, status, cancel, fetch) over one DEALER socket.
/// Not thread-safe: use it from the thread that made it.
package final class ClusterClient {
    package let endpoint: String
    /// Seconds to wait for each reply.
    package var timeout: Double
    private let context: ZMQContext
    private var socket: ZMQSocket
    private let maxMessageBytes: Int
    private let curve: CurveClientCredentials?
    private var handshakes: HandshakeWatch
    /// Handshake hang-ups seen on the current socket: not a refusal by themselves (see
    /// `HandshakeWatch.Refusal.isDefinite`), the likely reason when no reply comes.
    private var hangUps: [String] = []
    /// Whether and how requests made through `persistently` outlast a silent coordinator
    /// (nil: a request fails at its first timeout).
    package var patience: ClientPatience?
    /// While `persistently` waits: since when no reply came, and the notices given since.
    private var silentSince: Double?
    private var noticesGiven = 0
    /// Whether the body `persistently` runs now is a second or later attempt: an earlier
    /// one timed out, so its requests may have been carried out with their replies lost.
    package private(set) var isRetrying = false

    /// - Parameter curve: this client's key pair and the coordinator's public key (nil: plaintext).
    package init(
        endpoint: String, timeout: Double = 10, maxMessageBytes: Int = WireProtocol.defaultMaxMessageBytes,
        curve: CurveClientCredentials? = nil
    ) throws {
        self.endpoint = endpoint
        self.timeout = timeout
        self.maxMessageBytes = maxMessageBytes
        self.curve = curve
        context = try ZMQContext()
        (socket, handshakes) = try Self.makeSocket(context, endpoint, maxMessageBytes, curve)
    }

    private static func makeSocket(
        _ context: ZMQContext, _ endpoint: String, _ limit: Int,
        _ curve: CurveClientCredentials?
    ) throws -> (ZMQSocket, HandshakeWatch) {
        let socket = try context.socket(.dealer)
        try socket.setMaxMessageSize(limit)
        try socket.setHighWaterMarks(send: 1000, receive: 1000)
        try curve?.apply(to: socket)
        let handshakes = try HandshakeWatch(context: context, socket: socket, usesCurve: curve != nil)
        try socket.connect(endpoint)
        return (socket, handshakes)
    }

    /// Replaces the socket (after a timeout, so stale replies are not read as new ones).
    package func reconnect() throws {
        socket.close()
        (socket, handshakes) = try Self.makeSocket(context, endpoint, maxMessageBytes, curve)
        hangUps = []
    }

    package func close() { socket.close() }

    func send(_ message: ClientMessage) throws {
        do { try socket.send(message.frames, dontWait: false) } catch let error as ZMQError { throw ClientError.transport(error) }
    }

    /// Runs `body` (requests to the coordinator) until it gets its replies, retrying it on a
    /// fresh socket after each timeout as `patience` says: a notice every `noticeEvery`
    /// seconds of silence, `ClientError.notAnswering` after `giveUpAfter`. `body` must be
    /// safe to run again. Every request is, in its effect; FORGET and PRUNE are not in their
    /// replies (a retried FORGET of a job the lost attempt removed is told `unknownJob`, a
    /// retried PRUNE lists only what was left), so their callers read `isRetrying`.
    /// Without `patience`, runs `body` once.
    package func persistently<T>(_ body: () throws -> T) throws -> T {
        guard let patience else { return try body() }
        silentSince = MonotonicClock.now()
        noticesGiven = 0
        isRetrying = false
        defer {
            silentSince = nil
            isRetrying = false
        }
        while true {
            do {
                return try body()
            } catch ClientError.timeout {
                let since = silentSince ?? MonotonicClock.now()
                let silent = MonotonicClock.now() - since
                // 10 ms of slack: the attempt's deadline was the notice or give-up time itself.
                if let limit = patience.giveUpAfter, silent + 0.01 >= limit {
                    throw ClientError.notAnswering(endpoint: endpoint, seconds: silent)
                }
                let due = Int((silent + 0.01) / patience.noticeEvery)
                if due > noticesGiven {
                    noticesGiven = due
                    patience.notice(Int(silent.rounded()))
                }
                try reconnect()
                isRetrying = true
            }
        }
    }

    /// When the current wait for a reply ends: after `timeout`, and inside `persistently`
    /// no later than the next notice or the moment to give up.
    private func replyDeadline(now: Double) -> Double {
        var deadline = now + timeout
        if let patience, let since = silentSince {
            deadline = min(deadline, since + Double(noticesGiven + 1) * patience.noticeEvery)
            if let limit = patience.giveUpAfter { deadline = min(deadline, since + limit) }
        }
        return deadline
    }

    /// The next valid reply, or a timeout error; `ClientError.rejected` as soon as the
    /// coordinator refuses the handshake (its ZAP handler, a security mechanism or server
    /// key that cannot match), or at the deadline when the handshake only broke off.
    func receive() throws -> ClientMessage {
        let deadline = replyDeadline(now: MonotonicClock.now())
        var poller = ZMQPoller()
        poller.addReadable(socket)
        handshakes.addReadable(to: &poller)
        while true {
            let left = deadline - MonotonicClock.now()
            if left <= 0 {
                if let reason = (hangUps + handshakes.failures()).last { throw ClientError.rejected(endpoint: endpoint, reason: reason) }
                throw ClientError.timeout(endpoint: endpoint, seconds: timeout)
            }
            do {
                guard try poller.poll(timeoutMilliseconds: Int(left * 1000) + 1) > 0 else { continue }
                if poller.isReadable(1) {
                    let refusals = handshakes.refusals()
                    if let refusal = refusals.first(where: \.isDefinite) {
                        throw ClientError.rejected(endpoint: endpoint, reason: refusal.reason)
                    }
                    hangUps.append(contentsOf: refusals.map(\.reason))
                }
                guard let message = try socket.receive(dontWait: true, maxFrames: 8, maxBytes: maxMessageBytes) else { continue }
                guard message.withinLimits, message.frames.first == WireProtocol.clientHeader,
                    let decoded = try? ClientMessage.decode(message.frames.dropFirst())
                else {
                    if message.frames.first?.starts(with: Array("TBC".utf8)) == true, message.frames.first != WireProtocol.clientHeader,
                        let header = message.frames.first
                    {
                        throw ClientError.unexpectedReply(
                            "the coordinator speaks \(String(decoding: header, as: UTF8.self)), this client \(String(decoding: WireProtocol.clientHeader, as: UTF8.self))"
                        )
                    }
                    throw ClientError.unexpectedReply("a reply that is not \(String(decoding: WireProtocol.clientHeader, as: UTF8.self))")
                }
                // An answer, even an error: the silence (if counted) starts again.
                if silentSince != nil {
                    silentSince = MonotonicClock.now()
                    noticesGiven = 0
                }
                if case .error(let code, let text) = decoded { throw ClientError.refused(code: code, message: text) }
                return decoded
            } catch let error as ZMQError {
                throw ClientError.transport(error)
            }
        }
    }

    func request(_ message: ClientMessage) throws -> ClientMessage {
        try send(message)
        return try receive()
    }

    /// Submits a job; returns its id (the same id for the same bundle).
    package func submit(_ bundle: JobBundle, name: String = "", priority: Int? = nil) throws -> String {
        try submitReporting(bundle, name: name, priority: priority).job
    }

    /// Submits a job named `name` (shown by `status`, usable instead of the id); returns
    /// its id and whether it was queued, resumed, already active or already done.
    /// `priority` (1…255) weighs the job in the coordinator's fair share; nil leaves a
    /// known job's priority as it is (1 for a new job).
    package func submitReporting(
        _ bundle: JobBundle, name: String, priority: Int? = nil
    ) throws -> (job: String, disposition: SubmitDisposition) {
        guard case .accepted(let job, let disposition) = try request(.submit(bundle: bundle.encoded, name: name, priority: priority))
        else {
            throw ClientError.unexpectedReply("expected ACCEPTED")
        }
        return (job, disposition)
    }

    /// Removes a finished job, its results and files from the coordinator's store.
    package func forget(job: String) throws -> RemovedJobs {
        try removed(try request(.forget(job: job)))
    }

    /// Removes every finished job that finished more than `seconds` ago.
    package func prune(olderThanSeconds seconds: UInt64) throws -> RemovedJobs {
        try removed(try request(.prune(olderThanSeconds: seconds)))
    }

    private func removed(_ reply: ClientMessage) throws -> RemovedJobs {
        guard case .removed(let json) = reply else { throw ClientError.unexpectedReply("expected REMOVED") }
        return try decode(RemovedJobs.self, Data(json))
    }

    /// The job id `reference` names: an id, a name (the latest job of that name), or an
    /// unambiguous prefix of either (`JobReference`). A 16-hex id is taken as is.
    package func resolve(job reference: String) throws -> String {
        if JobReference.isJobID(reference) { return reference }
        // The coordinator lists the candidates (ids and names with this prefix), so a
        // reference resolves among every job it keeps, not only the newest.
        let candidates = try clusterStatus(JobListFilter(match: reference, limit: JobListFilter.maxLimit)).jobs
        return try JobReference.resolve(reference, among: candidates)
    }

    /// The raw JSON status of one job, or of the whole cluster when `job` is nil.
    package func statusJSON(job: String?) throws -> Data {
        guard case .statusReply(let json) = try request(.status(job: job)) else {
            throw ClientError.unexpectedReply("expected STATUS_REPLY")
        }
        return Data(json)
    }

    package func status(job: String) throws -> JobStatus {
        try decode(JobStatus.self, try statusJSON(job: job))
    }

    /// Every worker and the jobs `filter` selects (newest first, at most its limit; the
    /// coordinator's default limit without a filter).
    package func clusterStatus(_ filter: JobListFilter? = nil) throws -> ClusterStatus {
        try decode(ClusterStatus.self, try statusJSON(filter: filter))
    }

    /// The raw JSON of `status` without a job, filtered by the coordinator.
    package func statusJSON(filter: JobListFilter?) throws -> Data {
        guard let filter else { return try statusJSON(job: nil) }
        guard case .statusReply(let json) = try request(.listJobs(filter: filter)) else {
            throw ClientError.unexpectedReply("expected STATUS_REPLY")
        }
        return Data(json)
    }

    /// Cancels a job; returns its status afterwards.
    package func cancel(job: String) throws -> JobStatus {
        guard case .statusReply(let json) = try request(.cancel(job: job)) else {
            throw ClientError.unexpectedReply("expected STATUS_REPLY")
        }
        return try decode(JobStatus.self, Data(json))
    }

    private func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw ClientError.unexpectedReply("status JSON: \(error)")
        }
    }

    /// Polls until the job is done, failed or cancelled, calling `progress` after each poll.
    /// Survives a coordinator restart (timeouts are retried on a fresh socket, as
    /// `patience` says when set: then a coordinator gone for good ends the wait).
    ///
    /// Polls every `interval` seconds, sooner near the end: `pollDelay` shortens the wait
    /// to what the tasks left should take at the rate seen so far, so a job's end is seen
    /// within milliseconds without polling the coordinator hard while it computes.
    package func wait(job: String, interval: Double = 0.2, progress: (JobStatus) -> Void = { _ in }) throws -> JobStatus {
        var start: (time: Double, done: Int)?
        while true {
            var delay = interval
            do {
                let status = try persistently { try self.status(job: job) }
                progress(status)
                if status.state.isFinished { return status }
                let now = MonotonicClock.now()
                if let start {
                    delay = Self.pollDelay(interval: interval, status: status, since: start, now: now)
                } else {
                    start = (now, status.tasksDone)
                }
            } catch ClientError.timeout {
                try reconnect()
            }
            usleep(UInt32(delay * 1_000_000))
        }
    }

    /// Seconds until the next status poll: `interval`, or half the time the tasks left
    /// should take at the rate seen since `start` when that is shorter (at least 2 ms;
    /// 2 ms once every task is done and only the aggregation remains).
    static func pollDelay(interval: Double, status: JobStatus, since start: (time: Double, done: Int), now: Double) -> Double {
        let minimum = min(interval, 0.002)
        let left = status.tasksTotal - status.tasksDone
        if left <= 0 { return minimum }
        let finished = status.tasksDone - start.done
        let elapsed = now - start.time
        guard finished > 0, elapsed > 0 else { return interval }
        let secondsLeft = Double(left) * elapsed / Double(finished)
        return min(interval, max(minimum, secondsLeft / 2))
    }

    /// Downloads the result files of a finished job into `folder`, `credit` chunks in flight,
    /// checking size and SHA-256, each file written to a temporary name and renamed.
    /// Returns the file names.
    @discardableResult
    package func fetch(job: String, into folder: URL, chunkBytes: Int = 1 << 20, credit: Int = 8) throws -> [String] {
        guard case .files(_, let json) = try request(.fetch(job: job)) else {
            throw ClientError.unexpectedReply("expected FILES")
        }
        let files: [FetchedFile]
        do { files = try JSONDecoder().decode([FetchedFile].self, from: Data(json)) } catch {
            throw ClientError.unexpectedReply("FILES JSON: \(error)")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in files {
            guard ResultFolder.isSafeName(file.name), file.size >= 0 else {
                throw ClientError.unexpectedReply("bad file name \(file.name)")
            }
            var data = Data(count: file.size)
            var nextOffset = 0
            var received = 0
            var inFlight = 0
            while received < file.size {
                while inFlight < credit && nextOffset < file.size {
                    let length = min(chunkBytes, file.size - nextOffset)
                    try send(.chunkRequest(job: job, name: file.name, offset: UInt64(nextOffset), length: UInt32(length)))
                    nextOffset += length
                    inFlight += 1
                }
                guard case .chunk(_, let name, let offset, let bytes) = try receive(), name == file.name,
                    Int(offset) + bytes.count <= file.size, !bytes.isEmpty
                else {
                    throw ClientError.unexpectedReply("expected a CHUNK of \(file.name)")
                }
                data.replaceSubrange(Int(offset)..<Int(offset) + bytes.count, with: bytes)
                received += bytes.count
                inFlight -= 1
            }
            guard ContentHash.sha256(data) == file.sha256 else { throw ClientError.integrity("\(file.name) does not match its SHA-256") }
            try ResultFolder.write([OutputFile(name: file.name, data: data)], into: folder)
        }
        return files.map(\.name)
    }
}
