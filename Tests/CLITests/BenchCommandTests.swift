import Foundation
import TestSupport
import XCTest

/// `transborder bench <benchmark>`: one subcommand per benchmark, each accepting and
/// documenting only its own options, and the command lines of scripts/bench-* running.
final class BenchCommandTests: XCTestCase {
    /// The long options `help` lists under OPTIONS (without --help and --version), each
    /// with whether it has a description besides the parser's own "(default: …)".
    func options(_ subcommand: String) throws -> [String: Bool] {
        let result = try runTransborder(["bench", subcommand, "--help"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = try XCTUnwrap(result.stdout.components(separatedBy: "OPTIONS:").last).split(separator: "\n").map(String.init)
        var found: [String: Bool] = [:]
        for (i, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces).hasPrefix("-") {
            guard let range = line.range(of: #"--[a-z-]+"#, options: .regularExpression) else { continue }
            let name = String(line[range])
            if name == "--help" || name == "--version" { continue }
            var text = line[range.upperBound...].replacingOccurrences(of: #"^ <[a-z-]+>"#, with: "", options: .regularExpression)
            for next in lines.dropFirst(i + 1) {
                guard next.hasPrefix("          "), !next.trimmingCharacters(in: .whitespaces).hasPrefix("-") else { break }
                text += " " + next
            }
            // What the parser adds by itself is no description.
            let described = text.replacingOccurrences(of: #"\((default|values): [^)]*\)"#, with: "", options: .regularExpression)
            found[name] = !described.trimmingCharacters(in: .whitespaces).isEmpty
        }
        return found
    }

    func testEachBenchmarkListsOnlyItsOwnOptionsEachDescribed() throws {
        let expected: [String: Set<String>] = [
            "cluster": ["--tasks", "--payload-bytes", "--workers", "--threads", "--transport", "--credit", "--log-level"],
            "raw": ["--messages", "--transport"],
            "codec": ["--messages"],
            "fairness": ["--large-tasks", "--small-tasks", "--task-ms", "--schedules", "--workers", "--credit", "--log-level"],
            "jobs": ["--jobs", "--coordinator-binary", "--workers", "--log-level"],
        ]
        for (subcommand, names) in expected {
            let found = try options(subcommand)
            XCTAssertEqual(Set(found.keys), names, subcommand)
            for (name, described) in found { XCTAssertTrue(described, "bench \(subcommand) \(name) has no description") }
        }
        let overview = try runTransborder(["bench", "--help"])
        for subcommand in expected.keys { XCTAssertTrue(overview.stdout.contains("  \(subcommand) "), overview.stdout) }
    }

    /// Another benchmark's option is unknown, and each validates its own (exit status 2).
    func testEachBenchmarkParsesAndChecksItsOwnOptions() throws {
        let refused: [([String], String)] = [
            (["cluster", "--large-tasks", "5"], "Unknown option '--large-tasks'"),
            (["raw", "--credit", "4"], "Unknown option '--credit'"),
            (["codec", "--transport", "ipc"], "Unknown option '--transport'"),
            (["jobs", "--threads", "2"], "Unknown option '--threads'"),
            (["cluster", "--workers", "0"], "--workers must be 1…256"),
            (["cluster", "--credit", "0"], "--credit must be 1…65536"),
            (["cluster", "--payload-bytes", "2"], "--payload-bytes must be 4…1048576"),
            (["raw", "--messages", "0"], "--messages must be positive"),
            (["fairness", "--schedules", "fifo,lifo"], "--schedules: a comma-separated list of fifo and fair"),
            (["fairness", "--workers", "0"], "--workers must be 1…256"),
            (["jobs", "--jobs", "10,5"], "--jobs: ascending positive counts"),
        ]
        for (arguments, message) in refused {
            let result = try runTransborder(["bench"] + arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        let unknown = try runTransborder(["bench", "nosuch"])
        XCTAssertEqual(unknown.status, 2, unknown.stderr)
    }

    /// The options scripts/bench-cluster, bench-fairness and bench-jobs pass, with small
    /// sizes: each benchmark runs (real worker and coordinator processes) and prints the
    /// line the script reads.
    func testTheScriptsCommandLinesRun() throws {
        let runs: [([String], String)] = [
            (["cluster", "--tasks", "200", "--workers", "2", "--transport", "tcp", "--log-level", "warning"], "tasks/s: "),
            (["cluster", "--tasks", "200", "--workers", "2", "--transport", "ipc", "--log-level", "warning"], "tasks/s: "),
            (["raw", "--messages", "2000", "--transport", "tcp"], "messages/s: "),
            (["raw", "--messages", "2000", "--transport", "ipc"], "messages/s: "),
            (["codec", "--messages", "2000"], "binary RESULT encode+decode: "),
            (
                ["fairness", "--large-tasks", "100", "--small-tasks", "2", "--task-ms", "0", "--log-level", "warning"],
                "schedule: fair  small alone: "
            ),
            (["jobs", "--jobs", "50", "--coordinator-binary", Fixtures.binary.path, "--log-level", "warning"], "\n50  "),
        ]
        for (arguments, line) in runs {
            let result = try runTransborder(["bench"] + arguments)
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stdout.contains(line), "\(arguments): \(result.stdout)")
        }
    }
}
