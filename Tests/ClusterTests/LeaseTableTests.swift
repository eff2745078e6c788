import XCTest
@testable import Cluster

/// Who may answer for a task: its lease holder, or the last holder of an expired lease.
final class LeaseTableTests: XCTestCase {
    let a = PeerID([1]), b = PeerID([2]), stranger = PeerID([9])
    let k1 = TaskKey(serial: 1, index: 7), k2 = TaskKey(serial: 1, index: 8), other = TaskKey(serial: 2, index: 7)

    func testOnlyTheHolderMayAnswer() {
        var table = LeaseTable()
        table.grant(k1, to: a, deadline: 10, attempt: 1)
        XCTAssertTrue(table.mayAnswer(k1, peer: a))
        XCTAssertFalse(table.mayAnswer(k1, peer: b))
        XCTAssertFalse(table.mayAnswer(k2, peer: a), "a task never handed out")
        XCTAssertEqual(table.settle(k1)?.worker, a)
        XCTAssertFalse(table.mayAnswer(k1, peer: a), "answered: nobody may answer again")
    }

    func testPreviousHolderOfAnExpiredLeaseMayStillAnswer() {
        var table = LeaseTable()
        table.grant(k1, to: a, deadline: 10, attempt: 1)
        table.grant(k2, to: a, deadline: 30, attempt: 1)
        let expired = table.expire(now: 20)
        XCTAssertEqual(expired.map(\.key), [k1])
        XCTAssertFalse(table.isLeased(k1))
        XCTAssertTrue(table.mayAnswer(k1, peer: a), "late result from the previous holder")
        table.grant(k1, to: b, deadline: 40, attempt: 1)
        XCTAssertTrue(table.mayAnswer(k1, peer: a))
        XCTAssertTrue(table.mayAnswer(k1, peer: b))
        XCTAssertFalse(table.mayAnswer(k1, peer: stranger))
        // The previous holder answers first: the current lease is returned (to be revoked).
        XCTAssertEqual(table.settle(k1)?.worker, b)
        XCTAssertFalse(table.mayAnswer(k1, peer: a))
        XCTAssertFalse(table.mayAnswer(k1, peer: b))
    }

    func testFailureEndsOnlyTheSendersClaim() {
        var table = LeaseTable()
        table.grant(k1, to: a, deadline: 10, attempt: 1)
        _ = table.expire(now: 11)
        table.grant(k1, to: b, deadline: 40, attempt: 1)
        XCTAssertFalse(table.endClaim(k1, of: a), "a previous holder's failure leaves b's lease")
        XCTAssertTrue(table.isLeased(k1))
        XCTAssertFalse(table.mayAnswer(k1, peer: a))
        XCTAssertTrue(table.endClaim(k1, of: b))
        XCTAssertFalse(table.isLeased(k1))
    }

    func testRemovingAJobEndsItsLeasesAndClaimsOnly() {
        var table = LeaseTable()
        table.grant(k1, to: a, deadline: 10, attempt: 1)
        table.grant(k2, to: b, deadline: 50, attempt: 2)
        table.grant(other, to: a, deadline: 50, attempt: 1)
        _ = table.expire(now: 20)
        XCTAssertEqual(table.count(serial: 1), 1)
        let removed = table.removeJob(serial: 1)
        XCTAssertEqual(removed.map(\.key), [k2])
        XCTAssertEqual(removed.first?.lease.attempt, 2)
        XCTAssertFalse(table.mayAnswer(k1, peer: a), "the expired claim went with the job")
        XCTAssertTrue(table.mayAnswer(other, peer: a), "another job's lease stays")
        XCTAssertEqual(table.count, 1)
        XCTAssertEqual(table.revoke(other)?.worker, a)
        XCTAssertEqual(table.count, 0)
    }
}
