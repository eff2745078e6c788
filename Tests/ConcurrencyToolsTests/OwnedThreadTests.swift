import ConcurrencyTools
import Foundation
import XCTest

final class OwnedThreadTests: XCTestCase {
    private struct Boom: Error, Equatable { var code: Int }

    func testJoinWaitsForTheBodyAndSeesItsWrites() throws {
        let box = GuardedCondition(0)
        let thread = OwnedThread(name: "writer") { _ in
            usleep(20_000)
            box.withLock { $0.state = 42 }
        }
        try thread.join()
        XCTAssertTrue(thread.isFinished)
        XCTAssertEqual(box.withLock { $0.state }, 42)
        try thread.join()  // a second join returns at once
    }

    func testJoinRethrowsTheBodysError() {
        let thread = OwnedThread(name: "failing") { _ in throw Boom(code: 7) }
        XCTAssertThrowsError(try thread.join()) { error in
            XCTAssertEqual(error as? Boom, Boom(code: 7))
        }
    }

    func testRequestStopEndsAPollingBody() throws {
        let rounds = GuardedCondition(0)
        let thread = OwnedThread(name: "poller") { context in
            while !context.stopRequested {
                rounds.withLock { access in
                    access.state += 1
                    access.broadcast()
                }
                usleep(1_000)
            }
        }
        XCTAssertFalse(thread.stopRequested)
        // Runs until asked: not finished after several rounds.
        rounds.withLock { $0.wait { $0 >= 3 } }
        XCTAssertFalse(thread.isFinished)
        thread.requestStop()
        XCTAssertTrue(thread.stopRequested)
        try thread.join()
        XCTAssertTrue(thread.isFinished)
    }

    func testJoinWithTimeoutReturnsFalseWhileRunning() throws {
        let gate = GuardedCondition(false)
        let thread = OwnedThread(name: "gated") { _ in gate.withLock { $0.wait { $0 } } }
        XCTAssertFalse(try thread.join(timeout: 0.05))
        gate.withLock { access in
            access.state = true
            access.broadcast()
        }
        XCTAssertTrue(try thread.join(timeout: 10))
    }
}
