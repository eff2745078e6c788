import XCTest
@testable import ClusterProtocol

/// The binary codec: round trips and rejection of malformed input (never a crash).
final class WireCodecTests: XCTestCase {
    func roundTrip(_ message: WorkerMessage) throws {
        let frames = message.frames
        XCTAssertEqual(frames[0], Array("TBW2".utf8))
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
        XCTAssertEqual(Array(bytes.prefix(8)), Array("TBJ1".utf8) + [0, 0, 0, 4])
        XCTAssertEqual(try JobBundle(encoded: bytes), bundle)
        XCTAssertEqual(bundle.jobID, String(bundle.contentHash.prefix(16)))
        XCTAssertThrowsError(try JobBundle(encoded: Array(bytes.dropLast())))
        XCTAssertThrowsError(try JobBundle(encoded: bytes + [0]))
    }

    func testMalformedFramesAreRejectedWithReasons() {
        let h = Array("TBW2".utf8)
        let cases: [[[UInt8]]] = [
            [], [h], [h, []], [h, [0x01, 0x02]], [h, [0x7f]],
            [h, [0x01], [0, 0, 0], Array("w".utf8)],  // truncated READY counts
            [h, [0x01], [0, 0, 0, 0, 0, 0, 0, 1], Array("w".utf8)],  // zero threads
            [h, [0x04], Array("0123456789abcdef".utf8), [0, 0, 0, 1, 0, 0, 0, 2], [1]],  // 2 indices, 1 payload
            [h, [0x04], Array("NOT-HEX-JOB-ID!!".utf8), [0, 0, 0, 1], [1]],
            [h, [0x03], Array("0123456789abcdef".utf8), Array("short".utf8), [0, 0, 0, 1, 0, 0, 0, 1]],
            [Array("TBW1".utf8), [0x01]],
            [Array("XXXX".utf8), [0x01]],
            [h, [0x09], Array("0123456789abcdef".utf8), [0, 0, 1]],  // REVOKE list not a multiple of 4
            [h, [0x09], Array("0123456789abcdef".utf8)],  // REVOKE without its list
            [Array("TBC2".utf8), [0x12], Array("0123456789abcdef".utf8), [9]],  // ACCEPTED disposition 9
            [Array("TBC2".utf8), [0x12], Array("0123456789abcdef".utf8)],  // ACCEPTED without disposition (v1 layout)
            [Array("TBC2".utf8), [0x11], [1], [2], [3], [4]],  // SUBMIT with 4 frames
            [Array("TBC2".utf8), [0x11], [1], [2], [0]],  // SUBMIT priority 0
            [Array("TBC2".utf8), [0x11], [1], [2], [0, 1]],  // SUBMIT priority not 1 byte
            [Array("TBC2".utf8), [0x13], Array("0123456789abcdef".utf8), Array("{}".utf8)],  // STATUS of a job with a filter
            [Array("TBC2".utf8), [0x13], [], Array("[1]".utf8)],  // STATUS filter not an object
            [Array("TBC2".utf8), [0x13], [], Array("{\"since\": \"yesterday\"}".utf8)],  // STATUS since not ISO 8601
            [Array("TBC2".utf8), [0x13], [], Array("{\"states\": [\"paused\"]}".utf8)],  // STATUS unknown state
            [Array("TBC2".utf8), [0x1b], [0, 0, 1]],  // PRUNE age not 8 bytes
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
    }

    func testRandomBytesNeverCrashTheDecoder() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let count = Int.random(in: 0...6, using: &generator)
            var frames: [[UInt8]] = []
            for i in 0..<count {
                let length = Int.random(in: 0...40, using: &generator)
                var frame = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                if i == 0 && Bool.random() { frame = Array((Bool.random() ? "TBW2" : "TBC2").utf8) }
                if i == 1 && Bool.random() { frame = [UInt8.random(in: 1...8)] }
                frames.append(frame)
            }
            _ = try? InboundMessage.decode(frames[...])
        }
    }
}
