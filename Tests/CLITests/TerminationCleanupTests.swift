import Foundation
import TestSupport
import XCTest

/// A run stopped by SIGTERM or SIGINT (scancel, Ctrl-C) before it publishes
/// gives its reserved output folder back: no empty folder that reads as a
/// finished run's, and the exit status says which signal (128 + n).
final class TerminationCleanupTests: XCTestCase {
    private func stopMidRun(signal number: Int32, workers: Int) throws {
        let dir = try Fixtures.temporaryDirectory("terminate")
        let job = dir.appendingPathComponent("job")
        let out = dir.appendingPathComponent("out")
        XCTAssertEqual(
            try runTransborder([
                "generate", "--places", "200", "--years", "40", "--stages", "3",
                "--noise", "0.3", "--replicates", "4000", "--out", job.path,
            ]).status, 0)
        let process = Process()
        process.executableURL = Fixtures.binary
        process.arguments = ["run", job.path, "--workers", String(workers), "--out", out.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the folder is reserved (the run is computing), then stop it.
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: out.path) && Date() < deadline { usleep(20_000) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.path), "the run reserved its folder")
        usleep(300_000)
        XCTAssertTrue(process.isRunning, "the job is still computing when it is stopped")
        kill(process.processIdentifier, number)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 128 + number)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "the reserved folder is given back")
    }

    func testSIGTERMInProcess() throws { try stopMidRun(signal: SIGTERM, workers: 0) }
    func testSIGINTWithWorkerProcesses() throws { try stopMidRun(signal: SIGINT, workers: 2) }
}
