import Foundation
import TestSupport
import XCTest

/// `transborder run` on analysis jobs, as real processes: same bytes for any
/// number of workers, the periods.json contract, ground truth through the CLI,
/// and bad specs rejected before anything is written.
final class RunAnalysisTests: XCTestCase {
    static let tinyJob = Fixtures.repositoryRoot.appendingPathComponent("jobs/examples/tiny").path

    func outputs(_ dir: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name != "manifest.json" {
            files[name] = try Data(contentsOf: dir.appendingPathComponent(name))
        }
        return files
    }

    func run(_ job: String, workers: Int) throws -> URL {
        let out = try Fixtures.temporaryDirectory("run\(workers)").appendingPathComponent("out")
        let result = try runTransborder(["run", job, "--workers", String(workers), "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        return out
    }

    func testSameBytesForAnyNumberOfWorkers() throws {
        let reference = try outputs(run(Self.tinyJob, workers: 0))
        for name in [
            "periods.json", "periods.csv", "breakpoints.csv", "sensitivity_by_region.csv",
            "indicators_by_year.csv", "centrality_by_year.csv", "centrality_by_period.csv",
            "places_by_period.geojson", "links_by_period.geojson", "report.html",
        ] {
            XCTAssertNotNil(reference[name], "missing \(name)")
        }
        for workers in [1, 2, 4, 8] {
            let files = try outputs(run(Self.tinyJob, workers: workers))
            XCTAssertEqual(Set(files.keys), Set(reference.keys), "\(workers) workers")
            for (name, data) in reference {
                XCTAssertEqual(files[name], data, "\(name) differs with \(workers) workers")
            }
        }
    }

    /// The end of a run stops the coordinator, which says goodbye to its workers; a worker
    /// that hears it before its own SIGTERM must not report it as a fault (it said
    /// "coordinator not answering" at warning level in about one run of ten). Short runs
    /// of the tiny job make the race likely; eight of them would show it most of the time.
    func testATeardownLogsNoWarning() throws {
        for attempt in 0..<8 {
            let out = try Fixtures.temporaryDirectory("quiet\(attempt)").appendingPathComponent("out")
            let result = try runTransborder(["run", Self.tinyJob, "--workers", "2", "--out", out.path])
            XCTAssertEqual(result.status, 0, result.stderr)
            let noisy = result.stderr.split(separator: "\n").filter { $0.contains(" warning ") || $0.contains(" error ") }
            XCTAssertEqual(noisy, [], "run \(attempt)")
        }
    }

    func testPeriodsJSONContract() throws {
        let before = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let out = try run(Self.tinyJob, workers: 0)
        let after = Date()
        let doc = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("periods.json"))) as? [String: Any])
        let periods = try XCTUnwrap(doc["periods"] as? [[String: Any]])
        XCTAssertEqual(periods.count, 2)
        XCTAssertEqual(periods[0]["stage"] as? Int, 1)
        XCTAssertEqual(periods[0]["start"] as? Int, 2000)
        XCTAssertEqual(periods[0]["end"] as? Int, 2004)
        XCTAssertEqual(periods[1]["start"] as? Int, 2005)
        XCTAssertEqual(periods[0]["dominant_layer"] as? String, "trade")
        XCTAssertEqual(periods[1]["dominant_layer"] as? String, "transport_corridor")
        XCTAssertTrue(periods[0]["start_interval95"] is NSNull, "the first stage has no start interval")
        XCTAssertTrue((periods[1]["name"] as? String)?.hasPrefix("2005–2009 · transport-corridor-oriented") == true)
        XCTAssertFalse((periods[0]["core_places"] as? [String] ?? []).isEmpty)
        let manifest = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any])
        XCTAssertEqual(manifest["seed"] as? Int, 7)
        XCTAssertEqual((manifest["spec_sha256"] as? String)?.count, 64)
        // Timestamps: ISO 8601 in UTC as ISO8601DateFormatter reads them, within the run.
        for key in ["submitted_at", "finished_at"] {
            let text = try XCTUnwrap(manifest[key] as? String, key)
            XCTAssertEqual(text.count, 20, text)
            let date = try XCTUnwrap(ISO8601DateFormatter().date(from: text), text)
            XCTAssertTrue(date >= before && date <= after, "\(key) \(text) outside \(before)…\(after)")
        }
    }

    func testPlantedStagesRecoveredThroughTheCLI() throws {
        let dir = try Fixtures.temporaryDirectory("truth")
        XCTAssertEqual(
            try runTransborder([
                "generate", "--places", "40", "--years", "30", "--stages", "3", "--noise", "0",
                "--seed", "4", "--replicates", "10", "--out", dir.path,
            ]).status, 0)
        let out = try run(dir.path, workers: 2)
        let truth = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("truth.json"))) as? [String: [Int]])
        let doc = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("periods.json"))) as? [String: Any])
        let starts = (doc["periods"] as? [[String: Any]] ?? []).compactMap { $0["start"] as? Int }
        XCTAssertEqual(starts, truth["stage_starts"])
    }

    /// An output folder that cannot be created is named, with status 1 (the input was fine).
    func testUnwritableOutputFolderIsNamed() throws {
        for workers in ["0", "1"] {
            let out = "/proc/transborder-\(UUID().uuidString)"
            let result = try runTransborder(["run", Self.tinyJob, "--workers", workers, "--out", out])
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains("cannot write \(out): mkdir: "), result.stderr)
        }
    }

    func testBadSpecExitsTwoAndWritesNothing() throws {
        let job = try Fixtures.temporaryDirectory("badspec")
        for name in ["places.csv", "links.csv"] {
            try FileManager.default.copyItem(
                at: URL(fileURLWithPath: Self.tinyJob).appendingPathComponent(name),
                to: job.appendingPathComponent(name))
        }
        let spec = try String(contentsOf: URL(fileURLWithPath: Self.tinyJob).appendingPathComponent("job.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "replicates: 20", with: "replicates: -3")
            .replacingOccurrences(of: "leave_one_region_out: all", with: "leave_one_region_out: [Atlantis]")
        try spec.write(to: job.appendingPathComponent("job.yaml"), atomically: true, encoding: .utf8)
        let out = job.appendingPathComponent("out")
        for workers in ["0", "2"] {
            let result = try runTransborder(["run", job.path, "--workers", workers, "--out", out.path])
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertTrue(result.stderr.contains("job.yaml:"), result.stderr)
            XCTAssertTrue(result.stderr.contains("bootstrap.replicates"), result.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing may be written")
        }
    }

    /// A `run` killed with SIGKILL leaves no worker behind: its children notice the
    /// missing parent and drain (real processes, real signal).
    func testWorkersDoNotOutliveAKilledRun() throws {
        let dir = try Fixtures.temporaryDirectory("orphans")
        XCTAssertEqual(
            try runTransborder([
                "generate", "--places", "80", "--years", "40", "--stages", "3", "--noise", "0.3",
                "--replicates", "3000", "--out", dir.path,
            ]).status, 0)
        let run = Process()
        run.executableURL = Fixtures.binary
        run.arguments = ["run", dir.path, "--workers", "2", "--out", dir.appendingPathComponent("out").path]
        run.standardOutput = FileHandle.nullDevice
        run.standardError = FileHandle.nullDevice
        try run.run()
        func children() -> [Int32] {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return entries.compactMap(Int32.init).filter { pid in
                guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                    let close = stat.lastIndex(of: ")")
                else { return false }
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                return fields.count > 2 && fields[0] != "Z" && Int32(fields[1]) == run.processIdentifier
            }
        }
        var workers: [Int32] = []
        let start = Date()
        while workers.count < 2 && Date().timeIntervalSince(start) < 20 {
            usleep(100_000)
            workers = children()
        }
        XCTAssertEqual(workers.count, 2, "the run did not start its two workers")
        kill(run.processIdentifier, SIGKILL)
        run.waitUntilExit()
        func alive(_ pid: Int32) -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
        }
        let deadline = Date().addingTimeInterval(15)
        while workers.contains(where: alive) && Date() < deadline { usleep(100_000) }
        XCTAssertFalse(workers.contains(where: alive), "workers \(workers.filter(alive)) outlived the killed run")
        for pid in workers where alive(pid) { kill(pid, SIGKILL) }
    }
}
