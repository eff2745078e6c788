import ClusterProtocol
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import TestSupport
import XCTest
@testable import Cluster

/// Prometheus metrics: the text format (escaping, numbers) and a real coordinator's
/// scrape endpoint under a running job.
final class MetricsTests: XCTestCase {
    func testTextFormatEscapesLabelsAndPrintsIntegersPlainly() {
        var text = PrometheusText()
        text.family(
            "t_jobs", .gauge, help: "Jobs\\by state\nsecond line",
            [
                (labels: [("name", "a \"quoted\" back\\slash\nname"), ("state", "done")], value: 3),
                (labels: [], value: 0.25),
            ])
        text.family("t_total", .counter, help: "A counter.", value: 1e20)
        XCTAssertEqual(
            text.text,
            """
            # HELP t_jobs Jobs\\\\by state\\nsecond line
            # TYPE t_jobs gauge
            t_jobs{name="a \\"quoted\\" back\\\\slash\\nname",state="done"} 3
            t_jobs 0.25
            # HELP t_total A counter.
            # TYPE t_total counter
            t_total 1e+20

            """)
    }

    func testScrapeEndpointReportsTheRunningJob() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc, extra: ["--metrics", "127.0.0.1:0"])
        try h.waitFor("the metrics endpoint", timeout: 10) { h.log("coordinator").contains("metrics endpoint listening") }
        let line = try XCTUnwrap(h.log("coordinator").split(separator: "\n").first { $0.contains("metrics endpoint listening") })
        let port = try XCTUnwrap(
            line.range(of: #"tcp://127\.0\.0\.1:[0-9]+"#, options: .regularExpression).map { line[$0].split(separator: ":").last })
        let url = try XCTUnwrap(URL(string: "http://127.0.0.1:\(port!)/metrics"))

        let spec = try h.noopSpec(tasks: 200, sleepMilliseconds: 20)
        let id = try h.client().submit(JobBundle(kind: "noop", spec: try Data(contentsOf: URL(fileURLWithPath: spec))), name: "scraped")
        // Submitted before any worker: the job waits for one.
        XCTAssertTrue(try String(contentsOf: url, encoding: .utf8).contains("transborder_jobs_waiting_for_workers 1"))
        try h.startWorker("w1", credit: 4)
        try h.waitFor("progress", timeout: 20) { ((try? h.client().status(job: id))?.tasksDone ?? 0) >= 10 }
        let body = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(body.contains("transborder_jobs_waiting_for_workers 0"), body)
        XCTAssertTrue(body.contains("# TYPE transborder_job_tasks gauge"), body)
        XCTAssertTrue(body.contains("transborder_job_tasks{job=\"\(id)\",name=\"scraped\",state=\"in_flight\"} 4"), body)
        XCTAssertTrue(body.contains("transborder_workers_connected 1"), body)
        let done = try XCTUnwrap(
            body.split(separator: "\n").first { $0.hasPrefix("transborder_job_tasks{job=\"\(id)\",name=\"scraped\",state=\"done\"}") })
        let stored = try XCTUnwrap(body.split(separator: "\n").first { $0.hasPrefix("transborder_results_stored_total ") })
        XCTAssertGreaterThanOrEqual(Int(done.split(separator: " ").last ?? "") ?? -1, 10)
        XCTAssertEqual(done.split(separator: " ").last, stored.split(separator: " ").last, "one job: stored = done")
        let storeBytes = try XCTUnwrap(body.split(separator: "\n").first { $0.hasPrefix("transborder_store_bytes ") })
        XCTAssertGreaterThan(Int(storeBytes.split(separator: " ").last ?? "") ?? 0, 0)
        XCTAssertThrowsError(try String(contentsOf: URL(string: "http://127.0.0.1:\(port!)/other")!, encoding: .utf8), "404 elsewhere")
        XCTAssertEqual(try h.waitForJob(id).state, .done)
    }
}
