import ClusterProtocol
import ConcurrencyTools
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import JobStore
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

    /// Starts `h`'s coordinator with `--metrics` on a free port; returns its scrape URL.
    func startScrapedCoordinator(_ h: ClusterHarness) throws -> URL {
        try h.startCoordinator(transport: .ipc, extra: ["--metrics", "127.0.0.1:0"])
        try h.waitFor("the metrics endpoint", timeout: 10) { h.log("coordinator").contains("metrics endpoint listening") }
        let line = try XCTUnwrap(h.log("coordinator").split(separator: "\n").first { $0.contains("metrics endpoint listening") })
        let port = try XCTUnwrap(
            line.range(of: #"tcp://127\.0\.0\.1:[0-9]+"#, options: .regularExpression).map { line[$0].split(separator: ":").last })
        return try XCTUnwrap(URL(string: "http://127.0.0.1:\(port!)/metrics"))
    }

    /// One GET: the HTTP status and the body, whatever the status.
    func scrape(_ url: URL) throws -> (status: Int, body: String) {
        let answer = GuardedCondition<(status: Int, body: String)??>(nil)
        URLSession.shared.dataTask(with: url) { data, response, _ in
            let status = (response as? HTTPURLResponse)?.statusCode
            answer.withLock { access in
                access.state = .some(status.map { ($0, String(decoding: data ?? Data(), as: UTF8.self)) })
                access.broadcast()
            }
        }.resume()
        let result = answer.withLock { access in
            _ = access.wait(until: Date().addingTimeInterval(10))
            return access.state
        }
        return try XCTUnwrap(XCTUnwrap(result, "no answer within 10 s"), "the request failed")
    }

    /// A snapshot that cannot be read (the store's `jobs` table renamed away by another
    /// connection under the running coordinator: every query of it fails, as with a
    /// damaged store) is a failed scrape — 500 with the reason in a comment line, logged
    /// once per scrape with the error — not an empty 200; the next good read is served again.
    func testAScrapeThatCannotReadTheStoreFailsVisibly() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        let url = try startScrapedCoordinator(h)
        let healthy = try scrape(url)
        XCTAssertEqual(healthy.status, 200, healthy.body)
        XCTAssertTrue(healthy.body.contains("transborder_workers_connected 0"), healthy.body)

        let other = try SQLiteDatabase(path: h.storePath)
        try other.execute("ALTER TABLE jobs RENAME TO jobs_away")
        for _ in 0..<2 {
            let failed = try scrape(url)
            XCTAssertEqual(failed.status, 500, failed.body)
            XCTAssertTrue(failed.body.hasPrefix("# transborder: metrics unavailable: job store: "), failed.body)
            XCTAssertTrue(failed.body.contains("no such table: jobs"), failed.body)
            XCTAssertEqual(failed.body.filter { $0 == "\n" }.count, 1, "one comment line: \(failed.body)")
        }
        let logged = h.log("coordinator").split(separator: "\n").filter { $0.contains("metrics unavailable") }
        XCTAssertEqual(logged.count, 2, "one line per failed scrape: \(logged)")
        XCTAssertTrue(logged.allSatisfy { $0.contains("error=job store: ") && $0.contains("no such table: jobs") }, "\(logged)")

        try other.execute("ALTER TABLE jobs_away RENAME TO jobs")
        other.close()
        let again = try scrape(url)
        XCTAssertEqual(again.status, 200, again.body)
        XCTAssertTrue(again.body.contains("transborder_workers_connected 0"), again.body)
    }

    func testScrapeEndpointReportsTheRunningJob() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        let url = try startScrapedCoordinator(h)
        let port = url.port

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
