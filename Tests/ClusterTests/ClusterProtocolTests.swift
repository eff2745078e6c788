import ClusterProtocol
import Foundation
import JobStore
import TestSupport
import XCTest
import ZeroMQ
@testable import Cluster

/// Hostile and mistaken peers: a real coordinator process, raw ZeroMQ sockets from the test.
final class ClusterProtocolTests: XCTestCase {
    func rawDealer(_ context: ZMQContext, _ endpoint: String) throws -> ZMQSocket {
        let socket = try context.socket(.dealer)
        try socket.connect(endpoint)
        return socket
    }

    func testWrongProtocolVersionIsRefusedWithALoggedReason() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .tcp)
        let context = try ZMQContext()
        let socket = try rawDealer(context, h.endpoint)
        defer { socket.close() }
        // A worker of the previous version (TBW2, big-endian integers) is refused in its own
        // header and byte order, so that it can read the reason: DISCONNECT 2 as it reads it.
        try socket.send([Array("TBW2".utf8), [0x01], [0, 0, 0, 1, 0, 0, 0, 4], Array("old".utf8)], dontWait: false)
        let reply = try XCTUnwrap(try receiveFrames(socket), "no reply to a wrong version")
        XCTAssertEqual(reply.count, 4)
        XCTAssertEqual(reply.first, Array("TBW2".utf8))
        XCTAssertEqual(reply.dropFirst().first, [WorkerMessage.Code.disconnect.rawValue])
        XCTAssertEqual(reply.dropFirst(2).first, [0, UInt8(DisconnectReason.unsupportedVersion.rawValue)])
        let text = String(decoding: reply.last ?? [], as: UTF8.self)
        XCTAssertTrue(text.contains("TBW2") && text.contains("speaks TBW3"), text)
        try h.waitFor("logged refusal", timeout: 10) {
            h.log("coordinator").contains("refused worker: protocol version TBW2, this coordinator speaks TBW3")
        }
        XCTAssertEqual(try h.client().clusterStatus().workers.count, 0)
    }

    /// A store written by a protocol-2 coordinator holds TBJ1 bundles (big-endian lengths):
    /// after the upgrade such a job fails with a reason naming the old bundle, and is never
    /// misread as a TBJ2 one.
    func testStoredProtocol2BundleFailsItsJobByName() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        var bundle = Array("TBJ1".utf8)
        for field: [UInt8] in [Array("noop".utf8), Array("{\"tasks\": 2}".utf8), [], []] {
            bundle += [0, 0, 0, UInt8(field.count)] + field
        }
        let id = "0123456789abcdef"
        do {
            let store = try JobStore(path: h.storePath)
            try store.begin()
            _ = try store.insertJob(
                id: id, kind: "noop", bundleHash: ContentHash.sha256(bundle), bundle: bundle, taskCount: 2, submittedAt: 1,
                name: "from protocol 2")
            try store.commit()
        }
        try h.startCoordinator()
        let status = try h.client().status(job: id)
        XCTAssertEqual(status.state, .failed)
        XCTAssertTrue(status.error?.contains("job bundle is TBJ1 (protocol version 2") == true, status.error ?? "no error")
    }

    func testGarbageTruncatedAndOversizedFramesLeaveTheCoordinatorServing() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .tcp, extra: ["--max-message-bytes", "65536"])
        let context = try ZMQContext()
        let socket = try rawDealer(context, h.endpoint)
        defer { socket.close() }
        var random = TestRandom(seed: 200)
        for _ in 0..<200 {
            let frames = (0..<random.int(1...5)).map { _ in random.bytes(random.int(0...64)) }
            try socket.send(frames, dontWait: false)
        }
        let w = WireProtocol.workerHeader
        let truncated: [[[UInt8]]] = [
            [w], [w, [0x01], [0, 0, 1]], [w, [0x04], Array("0123456789abcdef".utf8), [0, 0, 0]],
            [w, [0x04], Array("0123456789abcdef".utf8), [0, 0, 0, 1, 0, 0, 0, 2], [1]],
            [WireProtocol.clientHeader, [0x11]], [WireProtocol.clientHeader, [0x11], [1, 2, 3]],
            [
                WireProtocol.clientHeader, [0x18], Array("0123456789abcdef".utf8), Array("../etc/passwd".utf8),
                [UInt8](repeating: 0, count: 12),
            ],
        ]
        for frames in truncated { try socket.send(frames, dontWait: false) }
        // A frame over ZMQ_MAXMSGSIZE: libzmq drops the connection of that peer.
        let big = try rawDealer(context, h.endpoint)
        try big.send([w, [0x01], [UInt8](repeating: 7, count: 200_000)], dontWait: false)
        usleep(300_000)
        big.close()

        try h.waitFor("logged drops", timeout: 10) { h.log("coordinator").contains("dropped invalid message") }
        XCTAssertTrue(h.coordinator?.isRunning ?? false)

        // Still serving: a real job completes.
        try h.startWorker("w1")
        let spec = try h.noopSpec(tasks: 50)
        let id = try h.client().submit(JobBundle(kind: "noop", spec: try Data(contentsOf: URL(fileURLWithPath: spec))))
        XCTAssertEqual(try h.waitForJob(id).state, .done)
        XCTAssertEqual(try h.summary(of: id), try ClusterHarness.reference(specPath: spec))
    }

    func testClientErrorsCarryReasonCodes() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc)
        let client = try h.client()
        XCTAssertThrowsError(try client.status(job: "0123456789abcdef")) { error in
            guard case ClientError.refused(let code, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, .unknownJob)
        }
        XCTAssertThrowsError(try client.submit(JobBundle(kind: "nonsense", spec: Data()))) { error in
            guard case ClientError.refused(let code, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, .unknownKind)
        }
        XCTAssertThrowsError(try client.submit(JobBundle(kind: "noop", spec: Data("{\"tasks\": -1}".utf8)))) { error in
            guard case ClientError.refused(let code, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, .invalidJob)
        }
        let id = try client.submit(JobBundle(kind: "noop", spec: Data("{\"tasks\": 10}".utf8)))
        XCTAssertThrowsError(try client.fetch(job: id, into: h.directory.appendingPathComponent("x"))) { error in
            guard case ClientError.refused(let code, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, .notFinished, "no worker, so the job cannot be finished")
        }
        XCTAssertEqual(try client.cancel(job: id).state, .cancelled)
    }
}
