import Foundation
import XCTest
@testable import ClusterProtocol

/// What live authorization and waiting jobs add to the wire: DISCONNECT 6 and ERROR 14
/// (codes fixed by docs/PROTOCOL.md), and the status JSON's `eligible_workers`,
/// `waiting_for_workers` and `key_name`, which older replies lack.
final class AuthorizationStatusCodecTests: XCTestCase {
    func testKeyRevocationCodesRoundTripWithTheirDocumentedNumbers() throws {
        XCTAssertEqual(DisconnectReason.keyNotAuthorized.rawValue, 6)
        XCTAssertEqual(ClientErrorCode.keyNotAuthorized.rawValue, 14)
        let disconnect = WorkerMessage.disconnect(reason: .keyNotAuthorized, text: "key 'wb' no longer authorized")
        guard case .worker(let worker) = try InboundMessage.decode(disconnect.frames[...]) else { return XCTFail("not a worker message") }
        XCTAssertEqual(worker, disconnect)
        let error = ClientMessage.error(code: .keyNotAuthorized, message: "no longer authorized")
        guard case .client(let client) = try InboundMessage.decode(error.frames[...]) else { return XCTFail("not a client message") }
        XCTAssertEqual(client, error)
    }

    func testStatusJSONCarriesWaitingForWorkersAndReadsOlderReplies() throws {
        let status = JobStatus(
            job: "0123456789abcdef", name: "n", kind: "noop", state: .queued, tasksDone: 0, tasksTotal: 12, tasksInFlight: 0,
            retries: 0, lost: 0, error: nil, submittedAt: 0, finishedAt: nil, durationSeconds: 1, quarantined: ["w1"],
            workersConnected: 1, eligibleWorkers: 0, waitingForWorkers: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(status), as: UTF8.self)
        XCTAssertTrue(json.contains(#""eligible_workers":0"#), json)
        XCTAssertTrue(json.contains(#""waiting_for_workers":true"#), json)
        XCTAssertEqual(try JSONDecoder().decode(JobStatus.self, from: Data(json.utf8)), status)

        // A reply of a coordinator from before these keys: every connected worker eligible, not waiting.
        let older = #"""
            {"duration_seconds": 0.4, "error": null, "finished_at": null, "job": "b79459a0bf0f8d23", "kind": "noop",
             "lost": 0, "name": "bench", "quarantined": [], "retries": 0, "state": "running",
             "submitted_at": "2026-11-29T04:29:27Z", "tasks_done": 10, "tasks_in_flight": 2, "tasks_total": 1000,
             "workers_connected": 2}
            """#
        let decoded = try JSONDecoder().decode(JobStatus.self, from: Data(older.utf8))
        XCTAssertEqual(decoded.eligibleWorkers, 2)
        XCTAssertFalse(decoded.waitingForWorkers)
    }

    func testWorkerStatusNamesItsKeyOnlyWhenItHasOne() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let curve = WorkerStatus(name: "w1", threads: 2, credit: 8, inFlight: 1, tasksDone: 5, keyName: "rack-7")
        let json = String(decoding: try encoder.encode(curve), as: UTF8.self)
        XCTAssertTrue(json.contains(#""key_name":"rack-7""#), json)
        XCTAssertEqual(try JSONDecoder().decode(WorkerStatus.self, from: Data(json.utf8)), curve)
        let plain = WorkerStatus(name: "w1", threads: 2, credit: 8, inFlight: 1, tasksDone: 5)
        XCTAssertFalse(String(decoding: try encoder.encode(plain), as: UTF8.self).contains("key_name"))
    }
}
