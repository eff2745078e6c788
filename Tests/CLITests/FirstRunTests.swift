import Foundation
import TestSupport
import XCTest

/// What a new user meets in a first run (issue 16): a spec that validates runs the same way
/// everywhere, `--out` is checked before any work, progress is shown, `--threads` is used
/// in process, and `run` says where report.html is.
final class FirstRunTests: XCTestCase {
    static let tinyJob = RunAnalysisTests.tinyJob

    /// The tiny job copied into a fresh folder; with a `prefix`, its job.yaml loses its
    /// comment lines (so that it starts with a key) and starts with the `prefix` bytes.
    func tinyCopy(_ label: String, specPrefix prefix: [UInt8] = []) throws -> URL {
        let dir = try Fixtures.temporaryDirectory(label)
        for name in ["places.csv", "links.csv", "job.yaml"] {
            var data = try Data(contentsOf: URL(fileURLWithPath: Self.tinyJob).appendingPathComponent(name))
            if name == "job.yaml" && !prefix.isEmpty {
                let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                data = Data(prefix) + Data(lines.filter { !$0.hasPrefix("#") }.joined(separator: "\n").utf8)
            }
            try data.write(to: dir.appendingPathComponent(name))
        }
        return dir
    }

    func outputs(_ dir: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name != "manifest.json" {
            files[name] = try Data(contentsOf: dir.appendingPathComponent(name))
        }
        return files
    }

    /// A job.yaml saved with a UTF-8 byte order mark (Windows editors do) validates, and runs
    /// in process and on workers with the same outputs as without the mark: the spec has one
    /// decoding path, whether read from disk or from a worker's bundle.
    func testSpecWithByteOrderMarkValidatesAndRunsTheSame() throws {
        let job = try tinyCopy("bom", specPrefix: [0xEF, 0xBB, 0xBF])
        let validated = try runTransborder(["validate", job.path])
        XCTAssertEqual(validated.status, 0, validated.stderr)
        let plain = job.appendingPathComponent("plain")
        XCTAssertEqual(try runTransborder(["run", Self.tinyJob, "--workers", "0", "--out", plain.path]).status, 0)
        let reference = try outputs(plain)
        XCTAssertFalse(reference.isEmpty)
        for workers in ["0", "2"] {
            let out = job.appendingPathComponent("out\(workers)")
            let result = try runTransborder(["run", job.path, "--workers", workers, "--out", out.path])
            XCTAssertEqual(result.status, 0, "--workers \(workers): \(result.stderr)")
            XCTAssertEqual(try outputs(out), reference, "--workers \(workers)")
        }
    }

    /// A noop spec whose tasks log their index into `count`: a refused run must log none.
    func countingSpec(in dir: URL, tasks: Int = 6, sleepMilliseconds: Int = 0) throws -> (spec: String, count: URL) {
        let count = dir.appendingPathComponent("executed.log")
        let spec = dir.appendingPathComponent("noop.json")
        try Data("{\"tasks\": \(tasks), \"payload_bytes\": 8, \"sleep_ms\": \(sleepMilliseconds), \"count_file\": \"\(count.path)\"}".utf8)
            .write(to: spec)
        return (spec.path, count)
    }

    /// `--out` naming a file, an unwritable place or a non-empty folder is refused before any
    /// task runs (no task logged), for in-process and worker runs; nothing is left behind.
    func testOutputFolderIsCheckedBeforeAnyTaskRuns() throws {
        let dir = try Fixtures.temporaryDirectory("outcheck")
        let (spec, count) = try countingSpec(in: dir)
        let file = dir.appendingPathComponent("afile")
        try Data("mine\n".utf8).write(to: file)
        let full = dir.appendingPathComponent("full")
        try FileManager.default.createDirectory(at: full, withIntermediateDirectories: false)
        try Data("keep\n".utf8).write(to: full.appendingPathComponent("notes.txt"))
        let cases: [(out: String, status: Int32, message: String)] = [
            (file.path, 2, "\(file.path): exists and is not a folder"),
            ("/proc/transborder-\(UUID().uuidString)/out", 1, "cannot write /proc/transborder-"),
            (full.path, 2, "\(full.path): folder is not empty (1 entry); choose a new folder, or add --force"),
        ]
        for workers in ["0", "2"] {
            for (out, status, message) in cases {
                let result = try runTransborder(["run", spec, "--kind", "noop", "--workers", workers, "--out", out])
                XCTAssertEqual(result.status, status, "\(out), --workers \(workers): \(result.stderr)")
                XCTAssertTrue(result.stderr.contains(message), result.stderr)
                XCTAssertFalse(FileManager.default.fileExists(atPath: count.path), "a task ran before --out was checked")
            }
            // --force does not replace a folder that is not a previous run's.
            let forced = try runTransborder(["run", spec, "--kind", "noop", "--workers", workers, "--out", full.path, "--force"])
            XCTAssertEqual(forced.status, 2, forced.stderr)
            XCTAssertTrue(forced.stderr.contains("no manifest.json"), forced.stderr)
        }
        XCTAssertEqual(try Data(contentsOf: file), Data("mine\n".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: full.path), ["notes.txt"])
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["afile", "full", "noop.json"],
            "no staging folder left beside the outputs")
    }

    /// A failed run removes the --out folder it created (and its staging folder).
    func testAFailedRunLeavesNoFolder() throws {
        let job = try tinyCopy("failedrun")
        let spec = try String(contentsOf: job.appendingPathComponent("job.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "replicates: 20", with: "replicates: -3")
        try spec.write(to: job.appendingPathComponent("job.yaml"), atomically: true, encoding: .utf8)
        for workers in ["0", "2"] {
            let out = job.appendingPathComponent("new/out")
            let result = try runTransborder(["run", job.path, "--workers", workers, "--out", out.path])
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "--workers \(workers) left \(out.path)")
        }
    }

    /// `--force` replaces a previous run's folder whole: stale files are gone, no staging or
    /// old folder is left beside it, and the new outputs equal a fresh run's.
    func testForceReplacesAPreviousRunWhole() throws {
        let dir = try Fixtures.temporaryDirectory("force")
        let fresh = dir.appendingPathComponent("fresh")
        XCTAssertEqual(try runTransborder(["run", Self.tinyJob, "--workers", "0", "--out", fresh.path]).status, 0)
        for workers in ["0", "2"] {
            let out = dir.appendingPathComponent("out\(workers)")
            XCTAssertEqual(try runTransborder(["run", Self.tinyJob, "--workers", workers, "--out", out.path]).status, 0)
            try Data("stale\n".utf8).write(to: out.appendingPathComponent("stale.csv"))
            let again = try runTransborder(["run", Self.tinyJob, "--workers", workers, "--out", out.path])
            XCTAssertEqual(again.status, 2, "a second run into the same folder needs --force")
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("stale.csv").path))
            let forced = try runTransborder(["run", Self.tinyJob, "--workers", workers, "--out", out.path, "--force"])
            XCTAssertEqual(forced.status, 0, forced.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("stale.csv").path))
            XCTAssertEqual(try outputs(out), try outputs(fresh))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["fresh", "out0", "out2"])
    }

    /// `run` prints the absolute path of report.html on stdout, and only that.
    func testRunPrintsTheReportPath() throws {
        let dir = try Fixtures.temporaryDirectory("reportpath")
        let result = try runTransborder(["run", Self.tinyJob, "--workers", "0", "--out", "out"], cwd: dir)
        XCTAssertEqual(result.status, 0, result.stderr)
        let printed = result.stdout.trimmingCharacters(in: .newlines)
        XCTAssertTrue(printed.hasPrefix("/") && printed.hasSuffix("/out/report.html"), printed)
        XCTAssertTrue(FileManager.default.fileExists(atPath: printed), printed)
    }

    /// In process, stderr gets plain progress lines with the elapsed time when it is not a
    /// terminal, and a redrawn bar with an ETA on a terminal (a pseudo-terminal from script(1)).
    func testInProcessRunShowsProgress() throws {
        let dir = try Fixtures.temporaryDirectory("progress")
        let (spec, _) = try countingSpec(in: dir, tasks: 20, sleepMilliseconds: 30)
        let plain = try runTransborder(["run", spec, "--kind", "noop", "--workers", "0", "--out", dir.appendingPathComponent("a").path])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let lines = plain.stderr.split(separator: "\n").filter { $0.hasPrefix("run: ") }
        XCTAssertTrue(lines.count >= 10 && lines.count <= 13, "one line per tenth: \(lines)")
        XCTAssertTrue(lines.contains { $0.contains("10/20 tasks, elapsed ") && $0.contains(", ETA ") }, plain.stderr)
        XCTAssertFalse(plain.stderr.contains("\r"), "no redrawing into a log")

        guard FileManager.default.fileExists(atPath: "/usr/bin/script") else { throw XCTSkip("no script(1)") }
        let out = dir.appendingPathComponent("b").path
        let command = "\(Fixtures.binary.path) run \(spec) --kind noop --workers 0 --out \(out)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertTrue(text.contains("\r[###"), text)
        XCTAssertTrue(text.contains("] 20/20 writing outputs · elapsed "), text)
        XCTAssertTrue(text.range(of: #"\] \d+/20 running · elapsed \d+s, ETA \d+s"#, options: .regularExpression) != nil, text)
    }

    /// `--threads` is honoured in process: four tasks that each sleep 0.8 s finish well under
    /// the 3.2 s they take one after the other, and the analysis outputs do not depend on it.
    func testThreadsAreUsedInProcess() throws {
        let dir = try Fixtures.temporaryDirectory("threads")
        let (spec, _) = try countingSpec(in: dir, tasks: 4, sleepMilliseconds: 800)
        let start = Date()
        let result = try runTransborder([
            "run", spec, "--kind", "noop", "--workers", "0", "--threads", "4",
            "--out", dir.appendingPathComponent("noop").path,
        ])
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertLessThan(elapsed, 2.4, "4 × 0.8 s sleeps on 4 threads")

        let one = dir.appendingPathComponent("t1")
        let three = dir.appendingPathComponent("t3")
        XCTAssertEqual(try runTransborder(["run", Self.tinyJob, "--workers", "0", "--out", one.path]).status, 0)
        XCTAssertEqual(try runTransborder(["run", Self.tinyJob, "--workers", "0", "--threads", "3", "--out", three.path]).status, 0)
        XCTAssertEqual(try outputs(three), try outputs(one))
    }
}
