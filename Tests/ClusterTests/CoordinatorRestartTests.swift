import Foundation
import TestSupport
import XCTest
@testable import Cluster

/// Real processes: a worker outlives coordinator restarts on the same `ipc://` path.
final class CoordinatorRestartTests: XCTestCase {
    /// Each restart (SIGTERM, exit, a new coordinator on the same path and store) must see
    /// the worker register again: it waits 1 s after the goodbye, then sends READY. Before
    /// the monitor fix (`MonitorShutdownTests`) about one restart in five left the worker's
    /// libzmq I/O thread blocked on an event for a closed monitor reader, and the worker
    /// never reached a coordinator again; twelve restarts make that near certain.
    func testWorkerRejoinsAfterEachOfTwelveRestartsOverIPC() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        var coordinator = try h.startCoordinator(transport: .ipc, label: "coordinator0")
        let worker = try h.startWorker("w1")
        try h.waitFor("w1 to join", timeout: 10) { h.log("coordinator0").contains("worker joined") }
        for restart in 1...12 {
            kill(coordinator.processIdentifier, SIGTERM)
            XCTAssertEqual(try h.waitForExit(coordinator, timeout: 10), 0, h.log("coordinator\(restart - 1)"))
            let label = "coordinator\(restart)"
            coordinator = try h.startCoordinator(transport: .ipc, label: label)
            try h.waitFor("w1 to join again after restart \(restart)", timeout: 10) {
                h.log(label).contains("worker joined") || !worker.isRunning
            }
            XCTAssertTrue(worker.isRunning, "the worker exited at restart \(restart): \(h.log("w1"))")
            XCTAssertTrue(h.log(label).contains("worker=w1"), h.log(label))
        }
        XCTAssertFalse(h.log("w1").contains("refused"), h.log("w1"))
    }
}
