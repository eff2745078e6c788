import ClusterProtocol
import ClusterSupport
import Foundation
import XCTest
import ZeroMQ
@testable import Cluster

/// A worker played by the test over a raw DEALER on its own thread: it speaks TBW3 frame
/// by frame and behaves as scripted (fails every task, holds tasks, or computes noop tasks
/// and forges results for tasks it was never given). Records what the coordinator sent.
final class ScriptedWorker: @unchecked Sendable {
    enum Behaviour: Sendable {
        /// Answers every task with FAILED at once.
        case failEverything(String)
        /// Keeps every task, never answers (heartbeats only).
        case holdEverything
        /// Computes noop tasks correctly; on its first TASK, before answering it, forges a
        /// RESULT of garbage for every other index of the job and three FAILEDs for one.
        case computeAndForge(taskCount: Int)
    }

    let endpoint: String
    let name: String
    let credit: Int
    let behaviour: Behaviour
    private let lock = NSLock()
    private var stopping = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)
    private var _tasks: [(job: String, index: Int)] = []
    private var _revokes: [(job: String, indices: [Int])] = []
    private var _disconnects: [DisconnectReason] = []

    init(endpoint: String, name: String, credit: Int, behaviour: Behaviour) {
        self.endpoint = endpoint
        self.name = name
        self.credit = credit
        self.behaviour = behaviour
    }

    var tasks: [(job: String, index: Int)] { lock.withLock { _tasks } }
    var revokes: [(job: String, indices: [Int])] { lock.withLock { _revokes } }
    var disconnects: [DisconnectReason] { lock.withLock { _disconnects } }

    func start() {
        let thread = Thread { [self] in
            do { try loop() } catch { XCTFail("scripted worker \(name): \(error)") }
            finished.signal()
        }
        self.thread = thread
        thread.start()
    }

    func stop() {
        lock.withLock { stopping = true }
        _ = finished.wait(timeout: .now() + 5)
    }

    private func loop() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.dealer)
        defer { socket.close() }
        try socket.connect(endpoint)
        _ = try socket.send(WorkerMessage.ready(name: name, threads: 1, credit: credit).frames, dontWait: false)
        var poller = ZMQPoller()
        poller.addReadable(socket)
        var lastSent = MonotonicClock.now()
        var prepared: [String: any PreparedJob] = [:]
        var waiting: [String: [(String, TaskAssignment)]] = [:]
        var forged = false
        func answer(_ job: String, _ task: TaskAssignment, _ bundle: any PreparedJob) throws {
            let payload = Array(try bundle.execute(task: task.index))
            _ = try socket.send(WorkerMessage.results(job: job, indices: [task.index], payloads: [payload]).frames, dontWait: false)
        }
        while !lock.withLock({ stopping }) {
            _ = try poller.poll(timeoutMilliseconds: 50)
            while let message = try socket.receive(dontWait: true, maxFrames: WireProtocol.maxFrames) {
                guard message.frames.first == WireProtocol.workerHeader,
                    let decoded = try? WorkerMessage.decode(message.frames.dropFirst())
                else { continue }
                switch decoded {
                case .tasks(let job, let hash, let tasks):
                    lock.withLock { _tasks += tasks.map { (job, $0.index) } }
                    switch behaviour {
                    case .failEverything(let text):
                        for task in tasks {
                            _ = try socket.send(
                                WorkerMessage.failed(job: job, task: task, error: "\(text) (task \(task.index))").frames, dontWait: false)
                        }
                    case .holdEverything:
                        break
                    case .computeAndForge(let taskCount):
                        if !forged {
                            forged = true
                            let mine = Set(tasks.map(\.index))
                            let others = (0..<taskCount).filter { !mine.contains($0) }
                            for start in stride(from: 0, to: others.count, by: 512) {
                                let part = Array(others[start..<min(others.count, start + 512)])
                                let garbage = part.map { _ in [UInt8](repeating: 0xEE, count: 24) }
                                _ = try socket.send(
                                    WorkerMessage.results(job: job, indices: part, payloads: garbage).frames, dontWait: false)
                            }
                            if let victim = others.first {
                                for attempt in 1...3 {
                                    _ = try socket.send(
                                        WorkerMessage.failed(
                                            job: job, task: TaskAssignment(index: victim, attempt: attempt),
                                            error: "forged failure"
                                        ).frames, dontWait: false)
                                }
                            }
                        }
                        if let ready = prepared[hash] {
                            for task in tasks { try answer(job, task, ready) }
                        } else {
                            if waiting[hash] == nil {
                                _ = try socket.send(WorkerMessage.datasetRequest(hash: hash).frames, dontWait: false)
                            }
                            waiting[hash, default: []] += tasks.map { (job, $0) }
                        }
                    }
                case .dataset(let hash, let bytes):
                    let job = try NoopBackend().prepare(try JobBundle(encoded: bytes))
                    prepared[hash] = job
                    for (id, task) in waiting.removeValue(forKey: hash) ?? [] { try answer(id, task, job) }
                case .revoke(let job, let indices):
                    lock.withLock { _revokes.append((job, indices)) }
                case .disconnect(let reason, _):
                    lock.withLock { _disconnects.append(reason) }
                case .heartbeat, .ready, .results, .failed, .datasetRequest:
                    break
                }
            }
            let now = MonotonicClock.now()
            if now - lastSent >= 0.5 {
                _ = try socket.send(WorkerMessage.heartbeat.frames, dontWait: false)
                lastSent = now
            }
        }
    }
}
