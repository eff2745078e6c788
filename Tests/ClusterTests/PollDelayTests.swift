@testable import Cluster
import ClusterProtocol
import XCTest

/// `ClusterClient.wait` polls every interval while a job computes and sooner near its end.
final class PollDelayTests: XCTestCase {
    func status(done: Int, total: Int, state: ReportedJobState = .running) -> JobStatus {
        JobStatus(
            job: "j", name: "", kind: "analysis", state: state, tasksDone: done, tasksTotal: total, tasksInFlight: 0,
            retries: 0, lost: 0, error: nil, submittedAt: 0, finishedAt: nil, durationSeconds: 0)
    }

    func testFullIntervalWhileMuchIsLeft() {
        // 10 tasks/s, 90 left: 9 s to go.
        XCTAssertEqual(ClusterClient.pollDelay(interval: 0.2, status: status(done: 10, total: 100), since: (0, 0), now: 1), 0.2)
    }

    func testHalfTheExpectedTimeLeftNearTheEnd() {
        // 100 tasks/s, 4 left: 40 ms to go, poll in 20 ms.
        XCTAssertEqual(
            ClusterClient.pollDelay(interval: 0.2, status: status(done: 96, total: 100), since: (0, 0), now: 0.96),
            0.02, accuracy: 1e-12)
        // 1 left at 1,000 tasks/s: never below 2 ms.
        XCTAssertEqual(ClusterClient.pollDelay(interval: 0.2, status: status(done: 999, total: 1000), since: (0, 0), now: 0.999), 0.002)
    }

    func testAggregatingPollsFastAndNoRateMeansInterval() {
        XCTAssertEqual(
            ClusterClient.pollDelay(
                interval: 0.05, status: status(done: 8, total: 8, state: .running),
                since: (0, 0), now: 1), 0.002)
        XCTAssertEqual(
            ClusterClient.pollDelay(interval: 0.05, status: status(done: 3, total: 8), since: (0, 3), now: 1), 0.05,
            "no task finished since the first poll: no rate yet")
        XCTAssertEqual(
            ClusterClient.pollDelay(interval: 0.001, status: status(done: 8, total: 8), since: (0, 0), now: 1), 0.001,
            "never slower than the interval asked for")
    }
}
