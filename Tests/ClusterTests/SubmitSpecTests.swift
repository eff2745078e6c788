import Foundation
import TestSupport
import XCTest

/// `submit` reads a spec the way `validate` and `run` do, and checks `--out` before sending.
final class SubmitSpecTests: XCTestCase {
    /// A job.yaml with a UTF-8 byte order mark is accepted by a coordinator and computed by its
    /// worker (the bundle's spec is decoded by the loader's code, mark dropped), and the
    /// fetched outputs equal an in-process run's of the same folder.
    func testSpecWithByteOrderMarkIsAcceptedAndComputed() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc)
        try h.startWorker("w1", threads: 2)
        let tiny = Fixtures.repositoryRoot.appendingPathComponent("jobs/examples/tiny")
        let job = h.directory.appendingPathComponent("bomjob")
        try FileManager.default.createDirectory(at: job, withIntermediateDirectories: false)
        for name in ["places.csv", "links.csv", "job.yaml"] {
            var data = try Data(contentsOf: tiny.appendingPathComponent(name))
            if name == "job.yaml" {  // without its comments, so that the mark is right before a key
                let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                data = Data([0xEF, 0xBB, 0xBF]) + Data(lines.filter { !$0.hasPrefix("#") }.joined(separator: "\n").utf8)
            }
            try data.write(to: job.appendingPathComponent(name))
        }
        let out = h.directory.appendingPathComponent("fetched")
        let submitted = try runTransborder(["submit", job.path, "--to", h.endpoint, "--wait", "--out", out.path])
        XCTAssertEqual(submitted.status, 0, submitted.stderr + h.log("coordinator"))
        let local = h.directory.appendingPathComponent("local")
        XCTAssertEqual(try runTransborder(["run", job.path, "--workers", "0", "--out", local.path]).status, 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: local.path) where name != "manifest.json" {
            XCTAssertEqual(
                try Data(contentsOf: out.appendingPathComponent(name)),
                try Data(contentsOf: local.appendingPathComponent(name)), name)
        }

        // A non-empty --out is refused before the job is sent (the coordinator never hears of it).
        let other = try h.noopSpec(tasks: 3)
        let refused = try runTransborder(["submit", other, "--kind", "noop", "--to", h.endpoint, "--wait", "--out", job.path])
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("folder is not empty"), refused.stderr)
        XCTAssertEqual(try h.client().clusterStatus().jobs.count, 1, "only the first job was submitted")
    }
}
