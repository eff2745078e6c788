@testable import ZeroMQ
import XCTest

/// Which peer a handshake outcome belongs to: libzmq's monitor names only the
/// connection's file descriptor on accept, so `PeerTracker` pairs outcomes with
/// pending connections (deterministic here, with a fake address lookup).
final class PeerTrackerTests: XCTestCase {
    func event(_ kind: ConnectionEvent.Kind, _ value: UInt32) -> ConnectionEvent {
        ConnectionEvent(kind: kind, value: value, endpoint: "tcp://0.0.0.0:5555", peer: nil)
    }

    func attributed(_ events: [(ConnectionEvent.Kind, UInt32)], addresses: [Int32: String]) -> [String?] {
        var tracker = PeerTracker(address: { addresses[$0] })
        return events.map { kind, value in
            var e = event(kind, value)
            tracker.attribute(&e)
            return e.peer
        }
    }

    func testOnePendingHandshakeIsNamedExactly() {
        let peers = attributed(
            [(.accepted, 7), (.handshakeFailedAuthentication, 400), (.disconnected, 7)],
            addresses: [7: "10.0.0.5:40001"])
        XCTAssertEqual(peers, ["10.0.0.5:40001", "10.0.0.5:40001", "10.0.0.5:40001"])
    }

    func testSeveralPendingFromOneHostAreNamedByHost() {
        let peers = attributed(
            [(.accepted, 7), (.accepted, 8), (.handshakeFailedProtocol, 1), (.handshakeFailedProtocol, 1)],
            addresses: [7: "10.0.0.5:40001", 8: "10.0.0.5:40002"])
        XCTAssertEqual(peers[2], "10.0.0.5:*")
        XCTAssertEqual(peers[3], "10.0.0.5:*", "nothing was settled: the outcome is still ambiguous")
    }

    func testSeveralPendingFromDifferentHostsStayUnnamed() {
        let peers = attributed(
            [(.accepted, 7), (.accepted, 8), (.handshakeFailed, 104)],
            addresses: [7: "10.0.0.5:40001", 8: "[fd00::9]:40002"])
        XCTAssertEqual(peers, ["10.0.0.5:40001", "[fd00::9]:40002", nil])
    }

    func testASettledConnectionNoLongerCounts() {
        // fd 7 succeeds while alone; fd 8 arrives later and fails: only 8 is pending.
        let peers = attributed(
            [
                (.accepted, 7), (.handshakeSucceeded, 0), (.accepted, 8), (.handshakeFailedAuthentication, 400),
                (.disconnected, 8), (.disconnected, 7),
            ],
            addresses: [7: "10.0.0.5:40001", 8: "10.0.0.6:50000"])
        XCTAssertEqual(
            peers,
            [
                "10.0.0.5:40001", "10.0.0.5:40001", "10.0.0.6:50000", "10.0.0.6:50000",
                "10.0.0.6:50000", "10.0.0.5:40001",
            ])
    }

    func testAGoneConnectionHasNoAddress() {
        XCTAssertEqual(attributed([(.accepted, 9), (.handshakeFailed, 104)], addresses: [:]), [nil, nil])
    }
}
