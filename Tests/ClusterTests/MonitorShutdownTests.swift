import Foundation
import TestSupport
import XCTest
@testable import ZeroMQ

/// A socket monitor must stop before its reader closes: libzmq sends monitor events from
/// its I/O thread on a PAIR without `ZMQ_DONTWAIT`, so one event for a reader that is gone
/// blocks that thread, and every socket of the context stops connecting. After a
/// coordinator restart this left a worker "reconnecting" for ever (docs/DEPLOY.md).
final class MonitorShutdownTests: XCTestCase {
    func testADisconnectAfterTheWatchIsReleasedLeavesTheContextWorking() throws {
        let directory = try Fixtures.temporaryDirectory("monitor")
        defer { try? FileManager.default.removeItem(at: directory) }
        let context = try ZMQContext()
        let first = "ipc://\(directory.path)/first.sock"
        let router = try context.socket(.router)
        try router.bind(first)
        let dealer = try context.socket(.dealer)
        defer { dealer.close() }
        var watch: HandshakeWatch? = try HandshakeWatch(context: context, socket: dealer, usesCurve: false)
        try dealer.connect(first)
        try dealer.send([Array("hello".utf8)], dontWait: false)
        XCTAssertEqual(try receiveFrames(router, timeout: 5000)?.last, Array("hello".utf8), "connected")
        XCTAssertNotNil(watch)

        // The reader goes first, as when a worker's session ends on the coordinator's goodbye;
        // then the connection drops (the coordinator exits) and libzmq reports the disconnect.
        watch = nil
        usleep(100_000)  // the reader's close reaches the monitor
        router.close()
        usleep(300_000)

        // The context's I/O thread still works: a new pair of sockets exchanges a message.
        let second = "ipc://\(directory.path)/second.sock"
        let router2 = try context.socket(.router)
        defer { router2.close() }
        try router2.bind(second)
        let dealer2 = try context.socket(.dealer)
        defer { dealer2.close() }
        try dealer2.connect(second)
        try dealer2.send([Array("again".utf8)], dontWait: false)
        let received = try receiveFrames(router2, timeout: 3000)
        if received == nil {
            // Terminating a context whose I/O thread is blocked hangs: keep it alive instead.
            _ = Unmanaged.passRetained(context)
        }
        XCTAssertEqual(received?.last, Array("again".utf8), "the context's I/O thread is blocked on a monitor event")
    }
}
