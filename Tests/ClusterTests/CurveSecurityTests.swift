import ClusterProtocol
import Foundation
import XCTest
@testable import Cluster
@testable import ZeroMQ

/// CURVE on real sockets over tcp loopback: a ROUTER guarded by the ZAP handler, DEALER
/// clients with listed, unlisted and no keys, and a recording proxy on the wire.
final class CurveSecurityTests: XCTestCase {
    /// A distinctive string inside the job spec: must never be visible on an encrypted wire.
    static let marker = "border-crossing-spec-Q7zX3"

    var server: CurveKeyPair!
    var listed: CurveKeyPair!
    var unlisted: CurveKeyPair!
    var context: ZMQContext!
    var events: EventRecorder!
    var handler: ZAPHandler?
    var router: ZMQSocket?
    var port: UInt16 = 0

    override func setUpWithError() throws {
        try XCTSkipUnless(CurveKeyPair.isAvailable, "libzmq without CURVE")
        server = try .generate()
        listed = try .generate()
        unlisted = try .generate()
        context = try ZMQContext()
        events = EventRecorder()
    }

    override func tearDown() {
        router?.close()  // the guarded socket first, then its handler
        handler?.stop()
        router = nil
        handler = nil
    }

    /// Starts the handler (admitting `listed` only) and a CURVE (or plaintext) ROUTER on 127.0.0.1.
    func startServer(curve: Bool = true) throws {
        let admitted = listed.publicKey
        let recorder = events!
        let monitor = "inproc://curve-test-monitor"
        if curve {
            handler = try ZAPHandler(
                context: context, monitorEndpoint: monitor,
                decide: { request in
                    request.curveKey == admitted ? .admit(userID: "listed") : .refuse("key not authorized")
                }, report: { recorder.append($0) })
        }
        let socket = try context.socket(.router)
        if curve {
            try socket.setCurveServer(secretKey: server.secretKey)
            try socket.setZAPDomain("test")
            try socket.monitorConnections(at: monitor)
        }
        try socket.bind("tcp://127.0.0.1:*")
        let endpoint = try socket.lastEndpoint
        port = try XCTUnwrap(UInt16(endpoint.split(separator: ":").last ?? ""))
        router = socket
    }

    /// A DEALER in its own context (like another process); `keys` nil for plaintext.
    func client(_ keys: CurveKeyPair?, serverKey: CurveKey? = nil, port: UInt16? = nil) throws -> (ZMQContext, ZMQSocket) {
        let ctx = try ZMQContext()
        let socket = try ctx.socket(.dealer)
        if let keys {
            try socket.setCurveClient(serverKey: serverKey ?? server.publicKey, publicKey: keys.publicKey, secretKey: keys.secretKey)
        }
        try socket.connect("tcp://127.0.0.1:\(port ?? self.port)")
        return (ctx, socket)
    }

    /// The next message on `socket` within `seconds`, or nil.
    func receive(_ socket: ZMQSocket, within seconds: Double) throws -> [[UInt8]]? {
        var poller = ZMQPoller()
        poller.addReadable(socket)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try poller.poll(timeoutMilliseconds: 50) > 0, let message = try socket.receive(dontWait: true) {
                return message.frames
            }
        }
        return nil
    }

    func submitFrames() -> [[UInt8]] {
        let spec = "{\"tasks\": 3, \"payload_bytes\": 8, \"note\": \"\(Self.marker)\"}"
        return ClientMessage.submit(bundle: JobBundle(kind: "noop", spec: Data(spec.utf8)).encoded, name: "").frames
    }

    func testListedKeyExchangesMessagesBothWays() throws {
        try startServer()
        let (ctx, dealer) = try client(listed)
        _ = ctx
        try dealer.send(submitFrames(), dontWait: false)
        let received = try XCTUnwrap(try receive(try XCTUnwrap(router), within: 5), "an authorized client's message did not arrive")
        XCTAssertEqual(Array(received.dropFirst()), submitFrames())
        try router?.send([received[0], Array("reply".utf8)], dontWait: false)
        XCTAssertEqual(try receive(dealer, within: 5), [Array("reply".utf8)])
        let decisions = events.decisions
        XCTAssertEqual(decisions.count, 1)
        XCTAssertEqual(decisions.first?.0.curveKey, listed.publicKey)
        XCTAssertEqual(decisions.first?.0.address, "127.0.0.1")
        XCTAssertEqual(decisions.first?.0.domain, "test")
        XCTAssertEqual(decisions.first?.1.isAdmitted, true)
        dealer.close()
    }

    func testUnlistedKeyIsRefusedAndRecorded() throws {
        try startServer()
        let (ctx, dealer) = try client(unlisted)
        _ = ctx
        try dealer.send(submitFrames(), dontWait: true)
        XCTAssertNil(try receive(try XCTUnwrap(router), within: 2), "a message from an unauthorized key got through")
        let refusal = try XCTUnwrap(events.decisions.first { !$0.1.isAdmitted }, "the handler recorded no refusal")
        XCTAssertEqual(refusal.0.curveKey?.z85, unlisted.publicKey.z85)
        XCTAssertEqual(refusal.0.address, "127.0.0.1")
        XCTAssertEqual(refusal.1.statusCode, "400")
        XCTAssertTrue(
            events.connections.contains { $0.kind == .handshakeFailedAuthentication && $0.value == 400 },
            "libzmq did not report the ZAP refusal: \(events.connections)")
        XCTAssertFalse(events.decisions.contains { $0.1.isAdmitted })
        dealer.close()
    }

    func testPlaintextClientIsRefusedByMechanismMismatch() throws {
        try startServer()
        let (ctx, dealer) = try client(nil)
        _ = ctx
        try dealer.send(submitFrames(), dontWait: true)
        XCTAssertNil(try receive(try XCTUnwrap(router), within: 2), "a plaintext message reached a CURVE server")
        XCTAssertTrue(events.decisions.isEmpty, "libzmq refuses a NULL-mechanism peer before asking ZAP")
        let connections = events.connections
        XCTAssertFalse(connections.contains { $0.kind == .handshakeSucceeded }, "\(connections)")
        // The DEALER retries for 2 s; each attempt ends in a mechanism mismatch, or, when
        // the client noticed first and hung up, in a failed handshake (EPIPE/ECONNRESET).
        let refusals = connections.filter(\.isRefusal)
        XCTAssertFalse(refusals.isEmpty, "no handshake failure reported: \(connections)")
        for refusal in refusals {
            if refusal.kind == .handshakeFailedProtocol {
                XCTAssertEqual(Int32(bitPattern: refusal.value), ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH_VALUE)
                XCTAssertTrue(refusal.reason.contains("does not speak CURVE"), refusal.reason)
            } else {
                XCTAssertEqual(refusal.kind, .handshakeFailed, "\(refusal)")
            }
        }
        // A refusal names the client's address when the monitor matched it to the accepted
        // connection; under load an attempt can end before that match (seen twice in CI, once
        // with the only refusal unnamed), so here every named address must be the client's.
        // That refusals are logged with the peer's address is checked end to end by
        // CurveClusterTests and scripts/test-netns.
        XCTAssertTrue(refusals.allSatisfy { $0.peer.map { $0.hasPrefix("127.0.0.1:") } ?? true }, "\(refusals)")
        dealer.close()
    }

    func testWrongServerKeyNeverReachesTheServer() throws {
        try startServer()
        let impostor = try CurveKeyPair.generate()
        let (ctx, dealer) = try client(listed, serverKey: impostor.publicKey)
        _ = ctx
        try dealer.send(submitFrames(), dontWait: true)
        XCTAssertNil(try receive(try XCTUnwrap(router), within: 2))
        XCTAssertTrue(events.decisions.isEmpty, "a client with the wrong server key cannot finish the handshake")
        // The DEALER retries for 2 s: one accepted connection and one failure per attempt.
        // An attempt's failure can be reported while the next attempt is already accepted,
        // and then it cannot be attributed (see ConnectionEvent); so every failure must give
        // the reason, every named one the client's address, and at least one must be named.
        let failures = events.connections.filter { $0.kind == .handshakeFailedProtocol }
        XCTAssertFalse(failures.isEmpty, "\(events.connections)")
        XCTAssertTrue(failures.allSatisfy { $0.reason.contains("wrong server key") }, "\(failures)")
        XCTAssertTrue(failures.allSatisfy { $0.peer.map { $0.hasPrefix("127.0.0.1:") } ?? true }, "\(failures)")
        XCTAssertTrue(failures.contains { $0.peer != nil }, "no failure attributed to the client: \(failures)")
        dealer.close()
    }

    func testSecondHandlerInTheSameContextIsRefused() throws {
        try startServer()
        XCTAssertThrowsError(try ZAPHandler(context: context, decide: { _ in .admit(userID: "x") }, report: { _ in })) { error in
            XCTAssertEqual((error as? ZMQError)?.code, EADDRINUSE)
        }
    }

    /// The job spec is visible to a wire recorder without CURVE (the control, proving the
    /// capture sees the traffic) and invisible with CURVE, in both directions.
    func testBytesOnTheWireAreNotPlaintext() throws {
        for curve in [false, true] {
            try startServer(curve: curve)
            let recorder = try TCPRecorder(upstreamPort: port)
            defer { recorder.stop() }
            let (ctx, dealer) = try client(curve ? listed : nil, port: recorder.port)
            _ = ctx
            try dealer.send(submitFrames(), dontWait: false)
            let received = try XCTUnwrap(
                try receive(try XCTUnwrap(router), within: 5), "curve \(curve): nothing arrived through the recorder")
            XCTAssertEqual(Array(received.dropFirst()), submitFrames(), "curve \(curve)")
            try router?.send([received[0], Array("result for \(Self.marker)-reply".utf8)], dontWait: false)
            XCTAssertNotNil(try receive(dealer, within: 5))
            XCTAssertGreaterThan(recorder.bytes.count, 200, "curve \(curve): the recorder saw no traffic")
            if curve {
                XCTAssertFalse(recorder.contains(Self.marker), "the job spec is readable on a CURVE wire")
                XCTAssertFalse(
                    recorder.contains(String(decoding: WireProtocol.clientHeader, as: UTF8.self)),
                    "the protocol header is readable on a CURVE wire")
                XCTAssertTrue(recorder.contains("CURVE"), "the ZMTP greeting names the mechanism")
            } else {
                XCTAssertTrue(recorder.contains(Self.marker), "control: the capture must see the plaintext spec")
                XCTAssertTrue(recorder.contains("\(Self.marker)-reply"), "control: and the plaintext reply")
            }
            dealer.close()
            tearDown()
            context = try ZMQContext()
            events = EventRecorder()
        }
    }

    // MARK: coordinator admission policy

    func testAdmissionPolicyAdmitsOnlyListedCurveKeys() throws {
        let authorized = AuthorizedKeys([listed.publicKey: "worker"])
        func request(_ mechanism: String, _ credentials: [[UInt8]]) -> ZAPRequest {
            ZAPRequest(
                frames: [Array("1.0".utf8), [1], Array("transborder".utf8), Array("10.0.0.7".utf8), [], Array(mechanism.utf8)] + credentials
            )!
        }
        XCTAssertEqual(CurveAdmission.decide(request("CURVE", [listed.publicKey.bytes]), authorized: authorized), .admit(userID: "worker"))
        XCTAssertEqual(CurveAdmission.decide(request("CURVE", [unlisted.publicKey.bytes]), authorized: authorized).statusCode, "400")
        XCTAssertEqual(CurveAdmission.decide(request("NULL", []), authorized: authorized).statusCode, "400")
        XCTAssertEqual(
            CurveAdmission.decide(request("PLAIN", [Array("u".utf8), Array("p".utf8)]), authorized: authorized).statusCode, "400")
        XCTAssertEqual(
            CurveAdmission.decide(request("CURVE", [Array(listed.publicKey.bytes.prefix(31))]), authorized: authorized).statusCode, "400")
        XCTAssertNil(ZAPRequest(frames: [Array("1.0".utf8), [1], [], []]))
    }

    func testRepeatedRefusalsWarnOncePerInterval() {
        let throttle = RefusalThrottle(interval: 60)
        XCTAssertTrue(throttle.shouldWarn("zap K 10.0.0.7", now: 100))
        XCTAssertFalse(throttle.shouldWarn("zap K 10.0.0.7", now: 130), "a retry within the minute is a debug line")
        XCTAssertTrue(throttle.shouldWarn("zap K 10.0.0.8", now: 130), "another peer is warned about")
        XCTAssertTrue(throttle.shouldWarn("zap K 10.0.0.7", now: 160.5), "and the same peer again after the interval")
    }

    func testReplyFramesFollowRFC27() {
        XCTAssertEqual(
            ZAPDecision.admit(userID: "w").replyFrames(requestID: [9, 8]),
            [Array("1.0".utf8), [9, 8], Array("200".utf8), Array("OK".utf8), Array("w".utf8), []])
        XCTAssertEqual(
            ZAPDecision.refuse("no").replyFrames(requestID: [1]),
            [Array("1.0".utf8), [1], Array("400".utf8), Array("no".utf8), [], []])
    }
}

/// libzmq's `ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH` (zmq.h).
let ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH_VALUE: Int32 = 0x1100_0002

/// Collects the ZAP handler's reports (called on its thread).
final class EventRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [ZAPHandler.Event] = []

    func append(_ event: ZAPHandler.Event) { lock.withLock { events.append(event) } }

    var decisions: [(ZAPRequest, ZAPDecision)] {
        lock.withLock { events.compactMap { if case .decided(let r, let d) = $0 { (r, d) } else { nil } } }
    }

    var connections: [ConnectionEvent] {
        lock.withLock { events.compactMap { if case .connection(let c) = $0 { c } else { nil } } }
    }
}

/// Why the handler must be bound before the ROUTER and outlive it: what libzmq does
/// with a CURVE server when nobody answers ZAP.
final class CurveWithoutHandlerTests: XCTestCase {
    func testNoHandlerMeansNoAuthenticationUnlessEnforced() throws {
        try XCTSkipUnless(CurveKeyPair.isAvailable, "libzmq without CURVE")
        let server = try CurveKeyPair.generate()
        let stranger = try CurveKeyPair.generate()
        let context = try ZMQContext()
        let router = try context.socket(.router)
        defer { router.close() }
        try router.setCurveServer(secretKey: server.secretKey)
        try router.setZAPDomain(CurveAdmission.domain)
        let enforced = router.enforceZAPDomain()
        try router.bind("tcp://127.0.0.1:*")
        let clientContext = try ZMQContext()
        let dealer = try clientContext.socket(.dealer)
        defer { dealer.close() }
        try dealer.setCurveClient(serverKey: server.publicKey, publicKey: stranger.publicKey, secretKey: stranger.secretKey)
        try dealer.connect(try router.lastEndpoint)
        try dealer.send([Array("hello".utf8)], dontWait: false)
        var poller = ZMQPoller()
        poller.addReadable(router)
        let arrived = try poller.poll(timeoutMilliseconds: 1500) > 0
        if enforced {
            XCTAssertFalse(arrived, "ZMQ_ZAP_ENFORCE_DOMAIN is set: a CURVE peer must be refused when no handler answers")
        } else {
            // A libzmq without the DRAFT option: any CURVE key gets in without a handler.
            XCTAssertTrue(arrived, "libzmq changed: a CURVE server without ZAP handler no longer admits everyone")
        }
    }
}
