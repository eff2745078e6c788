@testable import ClusterProtocol
import TestSupport
import XCTest

/// The binary codec: round trips and rejection of malformed input (never a crash).
final class WireCodecTests: XCTestCase {
    func roundTrip(_ message: WorkerMessage) throws {
        let frames = message.frames
        XCTAssertEqual(frames[0], Array("TBW3".utf8))
        guard case .worker(let decoded) = try InboundMessage.decode(frames[...]) else { return XCTFail("not a worker message") }
        XCTAssertEqual(decoded, message)
    }

    func testWorkerMessagesRoundTrip() throws {
        let job = "0123456789abcdef"
        let hash = String(repeating: "ab", count: 32)
        try roundTrip(.ready(name: "w1", threads: 2, credit: 8))
        try roundTrip(.heartbeat)
        try roundTrip(
            .tasks(job: job, bundleHash: hash, tasks: [TaskAssignment(index: 0, attempt: 1), TaskAssignment(index: 7, attempt: 3)]))
        try roundTrip(.results(job: job, indices: [3, 4], payloads: [[1, 2], []]))
        try roundTrip(.failed(job: job, task: TaskAssignment(index: 5, attempt: 2), error: "boom"))
        try roundTrip(.datasetRequest(hash: hash))
        try roundTrip(.dataset(hash: hash, bundle: [9, 9]))
        try roundTrip(.disconnect(reason: .leaving, text: "bye"))
        try roundTrip(.disconnect(reason: .replaced, text: "name taken"))
        try roundTrip(.revoke(job: job, indices: []))
        try roundTrip(.revoke(job: job, indices: [0, 9, 1 << 20]))
    }

    func testClientMessagesRoundTrip() throws {
        let job = "0123456789abcdef"
        let messages: [ClientMessage] = [
            .submit(bundle: [1, 2, 3], name: "heilongjiang"), .submit(bundle: [1], name: ""),
            .submit(bundle: [1], name: "", priority: 1), .submit(bundle: [4], name: "urgent", priority: 255),
            .listJobs(filter: JobListFilter()),
            .listJobs(filter: JobListFilter(states: [.running, .queued], since: 1_796_000_000, match: "heil", limit: 7)),
            .accepted(job: job, disposition: .new), .accepted(job: job, disposition: .alreadyDone), .status(job: nil), .status(job: job),
            .statusReply(json: Array("{}".utf8)), .cancel(job: job), .fetch(job: job), .files(job: job, json: Array("[]".utf8)),
            .chunkRequest(job: job, name: "a.csv", offset: 1 << 40, length: 65536),
            .chunk(job: job, name: "a.csv", offset: 5, data: [1]), .error(code: .unknownJob, message: "no"),
            .forget(job: job), .prune(olderThanSeconds: 86_400 * 30), .removed(json: Array("{}".utf8)),
            .error(code: .jobActive, message: "running"),
        ]
        for message in messages {
            guard case .client(let decoded) = try InboundMessage.decode(message.frames[...]) else { return XCTFail("not a client message") }
            XCTAssertEqual(decoded, message)
        }
    }

    func testJobBundleCanonicalEncoding() throws {
        let bundle = JobBundle(kind: "noop", spec: Data("{\"tasks\": 3}".utf8), places: Data([1, 2]), links: Data())
        let bytes = bundle.encoded
        XCTAssertEqual(Array(bytes.prefix(8)), Array("TBJ2".utf8) + [4, 0, 0, 0])
        XCTAssertEqual(try JobBundle(encoded: bytes), bundle)
        // Python: b"TBJ2" + each field after struct.pack("<I", len(field)), then hashlib.sha256.
        XCTAssertEqual(bundle.contentHash, "55970511e529aff623e316ee789e1a5964a83791df7d9b62fc4fa310b45ac0e4")
        XCTAssertEqual(bundle.jobID, String(bundle.contentHash.prefix(16)))
        XCTAssertThrowsError(try JobBundle(encoded: Array(bytes.dropLast())))
        XCTAssertThrowsError(try JobBundle(encoded: bytes + [0]))
        // Protocol 2's bundle (big-endian lengths) is refused by name, not misread.
        var protocol2 = Array("TBJ1".utf8)
        for field in [Array("noop".utf8), [UInt8](bundle.spec), [1, 2], []] {
            protocol2 += [0, 0, 0, UInt8(field.count)] + field
        }
        XCTAssertThrowsError(try JobBundle(encoded: protocol2)) { error in
            XCTAssertTrue("\(error)".contains("TBJ1 (protocol version 2, big-endian lengths)"), "\(error)")
        }
    }

    /// Integers in frames are little-endian: Python's `struct.pack("<…")`, as docs/PROTOCOL.md says.
    func testIntegerFramesAreLittleEndian() {
        let job = "0123456789abcdef"
        XCTAssertEqual(WorkerMessage.ready(name: "w", threads: 2, credit: 8).frames[2], [2, 0, 0, 0, 8, 0, 0, 0])
        XCTAssertEqual(
            WorkerMessage.tasks(job: job, bundleHash: String(repeating: "ab", count: 32), tasks: [TaskAssignment(index: 7, attempt: 3)])
                .frames[4], [7, 0, 0, 0, 3, 0, 0, 0])
        XCTAssertEqual(WorkerMessage.revoke(job: job, indices: [1, 256]).frames[3], [1, 0, 0, 0, 0, 1, 0, 0])
        XCTAssertEqual(WorkerMessage.disconnect(reason: .unknownWorker, text: "").frames[2], [3, 0])
        XCTAssertEqual(
            ClientMessage.chunkRequest(job: job, name: "a.csv", offset: 1 << 40, length: 65536).frames[4],
            [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0])
        XCTAssertEqual(ClientMessage.error(code: .unsupportedVersion, message: "").frames[2], [8, 0])
    }

    /// A peer of version 1 or 2 is refused in its own header and byte order (big-endian):
    /// it reads ERROR 8 / DISCONNECT 2, as docs/PROTOCOL.md promises.
    func testRefusalsUseThePeersHeaderAndByteOrder() {
        let error = ClientMessage.error(code: .unsupportedVersion, message: "m").frames
        for version in ["1", "2"] {
            let refusal = WireProtocol.refusal(error, inHeader: Array("TBC\(version)".utf8))
            XCTAssertEqual(refusal[0], Array("TBC\(version)".utf8))
            XCTAssertEqual(refusal[2], [0, 8])
            XCTAssertEqual(refusal[3], Array("m".utf8))
        }
        let disconnect = WorkerMessage.disconnect(reason: .unsupportedVersion, text: "t").frames
        XCTAssertEqual(WireProtocol.refusal(disconnect, inHeader: Array("TBW2".utf8))[2], [0, 2])
        XCTAssertEqual(WireProtocol.refusal(disconnect, inHeader: Array("TBW4".utf8)), [Array("TBW4".utf8)] + disconnect.dropFirst())
    }

    func testMalformedFramesAreRejectedWithReasons() {
        let h = Array("TBW3".utf8)
        let cases: [[[UInt8]]] = [
            [], [h], [h, []], [h, [0x01, 0x02]], [h, [0x7f]],
            [h, [0x01], [0, 0, 0], Array("w".utf8)],  // truncated READY counts
            [h, [0x01], [0, 0, 0, 0, 1, 0, 0, 0], Array("w".utf8)],  // zero threads
            [h, [0x04], Array("0123456789abcdef".utf8), [1, 0, 0, 0, 2, 0, 0, 0], [1]],  // 2 indices, 1 payload
            [h, [0x04], Array("NOT-HEX-JOB-ID!!".utf8), [0, 0, 0, 1], [1]],
            [h, [0x03], Array("0123456789abcdef".utf8), Array("short".utf8), [0, 0, 0, 1, 0, 0, 0, 1]],
            [Array("TBW1".utf8), [0x01]],
            [Array("TBW2".utf8), [0x01], [1, 0, 0, 0, 1, 0, 0, 0], Array("w".utf8)],
            [Array("XXXX".utf8), [0x01]],
            [h, [0x09], Array("0123456789abcdef".utf8), [0, 0, 1]],  // REVOKE list not a multiple of 4
            [h, [0x09], Array("0123456789abcdef".utf8)],  // REVOKE without its list
            [Array("TBC3".utf8), [0x12], Array("0123456789abcdef".utf8), [9]],  // ACCEPTED disposition 9
            [Array("TBC3".utf8), [0x12], Array("0123456789abcdef".utf8)],  // ACCEPTED without disposition (v1 layout)
            [Array("TBC3".utf8), [0x11], [1], [2], [3], [4]],  // SUBMIT with 4 frames
            [Array("TBC3".utf8), [0x11], [1], [2], [0]],  // SUBMIT priority 0
            [Array("TBC3".utf8), [0x11], [1], [2], [0, 1]],  // SUBMIT priority not 1 byte
            [Array("TBC3".utf8), [0x13], Array("0123456789abcdef".utf8), Array("{}".utf8)],  // STATUS of a job with a filter
            [Array("TBC3".utf8), [0x13], [], Array("[1]".utf8)],  // STATUS filter not an object
            [Array("TBC3".utf8), [0x13], [], Array("{\"since\": \"yesterday\"}".utf8)],  // STATUS since not ISO 8601
            [Array("TBC3".utf8), [0x13], [], Array("{\"states\": [\"paused\"]}".utf8)],  // STATUS unknown state
            [Array("TBC3".utf8), [0x1b], [0, 0, 1]],  // PRUNE age not 8 bytes
        ]
        for frames in cases {
            XCTAssertThrowsError(try InboundMessage.decode(frames[...]), "accepted \(frames)")
        }
        XCTAssertThrowsError(try InboundMessage.decode([Array("TBW1".utf8), [1]][...])) { error in
            XCTAssertEqual(error as? FrameError, .unsupportedVersion("TBW1"))
        }
        XCTAssertThrowsError(try InboundMessage.decode([Array("TBC1".utf8), [0x13], []][...])) { error in
            XCTAssertEqual(error as? FrameError, .unsupportedVersion("TBC1"))
        }
        XCTAssertThrowsError(try InboundMessage.decode([Array("TBC2".utf8), [0x13], []][...])) { error in
            XCTAssertEqual(error as? FrameError, .unsupportedVersion("TBC2"))
        }
    }

    func testRandomBytesNeverCrashTheDecoder() {
        var random = TestRandom(seed: 5000)
        for _ in 0..<5000 {
            let count = random.int(0...6)
            var frames: [[UInt8]] = []
            for i in 0..<count {
                var frame = random.bytes(random.int(0...40))
                if i == 0 && random.bool() { frame = random.bool() ? WireProtocol.workerHeader : WireProtocol.clientHeader }
                if i == 1 && random.bool() { frame = [UInt8(random.int(1...8))] }
                frames.append(frame)
            }
            _ = try? InboundMessage.decode(frames[...])
        }
    }
}
