import CZeroMQ
@testable import ZeroMQ
import XCTest

/// What a refused client says, from its socket's handshake events. libzmq
/// reports a plaintext client meeting a CURVE server either as a mechanism
/// mismatch or only as a hang-up, depending on timing: both name the mismatch.
final class HandshakeReasonTests: XCTestCase {
    func testAPlaintextClientsHangUpNamesTheMechanismMismatch() {
        let hangUp = ConnectionEvent(kind: .handshakeFailed, value: UInt32(EPIPE), endpoint: "tcp://127.0.0.1:1", peer: nil)
        XCTAssertTrue(HandshakeWatch.clientReason(hangUp, usesCurve: false).contains("security mechanism mismatch"))
        XCTAssertTrue(HandshakeWatch.clientReason(hangUp, usesCurve: true).contains("is --server-key the coordinator's public key?"))
        let mismatch = ConnectionEvent(
            kind: .handshakeFailedProtocol,
            value: UInt32(bitPattern: ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH),
            endpoint: "tcp://127.0.0.1:1", peer: nil)
        XCTAssertTrue(HandshakeWatch.clientReason(mismatch, usesCurve: false).contains("security mechanism mismatch"))
    }
}
