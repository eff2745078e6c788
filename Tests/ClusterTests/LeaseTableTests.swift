import ClusterProtocol
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

    /// The per-job lease counts (fair share reads them on every dispatch) follow every way
    /// a lease ends, and leave no entry behind for a job without leases.
    func testPerJobCountsFollowGrantsAndEveryWayALeaseEnds() {
        var table = LeaseTable()
        let k3 = TaskKey(serial: 1, index: 9)
        let k4 = TaskKey(serial: 1, index: 10)
        for (key, deadline) in [(k1, 10.0), (k2, 30.0), (k3, 30.0), (k4, 30.0), (other, 30.0)] {
            table.grant(key, to: a, deadline: deadline, attempt: 1)
        }
        table.grant(k2, to: b, deadline: 30, attempt: 1)  // re-granting a leased task counts once
        XCTAssertEqual(table.count(serial: 1), 4)
        XCTAssertEqual(table.count(serial: 2), 1)
        _ = table.expire(now: 20)
        XCTAssertEqual(table.count(serial: 1), 3, "expired")
        _ = table.settle(k2)
        XCTAssertEqual(table.count(serial: 1), 2, "answered")
        XCTAssertTrue(table.endClaim(k3, of: a))
        XCTAssertEqual(table.count(serial: 1), 1, "failed")
        _ = table.revoke(k4)
        XCTAssertEqual(table.count(serial: 1), 0, "revoked")
        table.grant(serial: 1, [TaskAssignment(index: 11, attempt: 1), TaskAssignment(index: 12, attempt: 2)], to: b, deadline: 50)
        table.grant(serial: 1, [TaskAssignment(index: 12, attempt: 2)], to: b, deadline: 60)
        XCTAssertEqual(table.count(serial: 1), 2, "a batch counts each new lease once")
        XCTAssertEqual(table.lease(TaskKey(serial: 1, index: 12))?.attempt, 2)
        XCTAssertEqual(table.removeJob(serial: 1).count, 2)
        XCTAssertEqual(table.perJob, [2: 1], "a removed job leaves no entry")
        _ = table.removeJob(serial: 2)
        XCTAssertTrue(table.perJob.isEmpty)
        XCTAssertEqual(table.count, 0)
    }
}
