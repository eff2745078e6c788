import Foundation
import TestSupport
import XCTest

/// What `--help` shows a user, and the completion scripts the README documents.
final class HelpTests: XCTestCase {
    func help(_ command: [String]) throws -> String {
        let result = try runTransborder(command + ["--help"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout
    }

    /// `--kind noop|failing` are internals for tests and benchmarks: hidden, but still accepted.
    func testInternalJobKindsAreHiddenFromHelp() throws {
        for command in [["run"], ["submit"]] {
            let text = try help(command)
            XCTAssertFalse(text.contains("--kind"), text)
            XCTAssertFalse(text.contains("noop"), text)
        }
        let dir = try Fixtures.temporaryDirectory("kind")
        let spec = dir.appendingPathComponent("noop.json")
        try Data(#"{"tasks": 2}"#.utf8).write(to: spec)
        let result = try runTransborder([
            "run", spec.path, "--kind", "noop", "--workers", "0",
            "--out", dir.appendingPathComponent("out").path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    /// Each command's `--log-level` help states its own default and no other command's.
    func testLogLevelHelpStatesEachCommandsDefault() throws {
        let defaults = [
            ["run"]: "warning", ["submit"]: "info", ["status"]: "info", ["worker"]: "info",
            ["coordinator"]: "info", ["fetch"]: "info", ["cancel"]: "info",
        ]
        for (command, level) in defaults {
            let text = try help(command).replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
            XCTAssertTrue(text.contains("critical (default: \(level))"), "\(command): \(text)")
            XCTAssertFalse(text.contains("for `run`"), "\(command)")
        }
    }

    /// Prose in `validate --help` is re-wrapped to the width, not broken where the source
    /// lines end: in every paragraph, every line but the last is filled to more than 60 columns.
    func testValidateHelpWrapsParagraphs() throws {
        let text = try help(["validate"])
        let discussion = try XCTUnwrap(text.components(separatedBy: "USAGE:").first)
        let paragraphs = discussion.components(separatedBy: "\n\n").dropFirst()  // after OVERVIEW
        XCTAssertGreaterThanOrEqual(paragraphs.count, 2)
        for paragraph in paragraphs {
            let lines = paragraph.split(separator: "\n")
            for line in lines.dropLast() { XCTAssertGreaterThan(line.count, 60, "short line: '\(line)'") }
        }
    }

    /// The README's completion commands work for bash, zsh and fish and know the commands.
    func testCompletionScriptsForBashZshAndFish() throws {
        for shell in ["bash", "zsh", "fish"] {
            let result = try runTransborder(["--generate-completion-script", shell])
            XCTAssertEqual(result.status, 0, result.stderr)
            for command in ["run", "validate", "compare", "summary"] {
                XCTAssertTrue(result.stdout.contains(command), "\(shell) completion lacks \(command)")
            }
        }
        let readme = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for shell in ["bash", "zsh", "fish"] {
            XCTAssertTrue(readme.contains("transborder --generate-completion-script \(shell)"), shell)
        }
    }
}
