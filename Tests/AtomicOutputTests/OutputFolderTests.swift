import AtomicOutput
import Foundation
import TestSupport
import XCTest

/// Atomic single files and all-or-nothing output sets.
final class OutputFolderTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try Fixtures.temporaryDirectory("outputs")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    func testAtomicFileReplacesAndLeavesNoTemporary() throws {
        let url = folder.appendingPathComponent("a.txt")
        try AtomicFile.write(Data("old".utf8), to: url)
        try AtomicFile.write(Data("new".utf8), to: url)
        XCTAssertEqual(try Data(contentsOf: url), Data("new".utf8))
        XCTAssertEqual(try contents(), ["a.txt"])
    }

    func testAtomicFileIntoAMissingFolderFails() {
        let url = folder.appendingPathComponent("missing/a.txt")
        XCTAssertThrowsError(try AtomicFile.write(Data("x".utf8), to: url)) { error in
            XCTAssertTrue(error is FileWriteError, "\(error)")
        }
    }

    func testOutputFolderWritesEveryFile() throws {
        let out = folder.appendingPathComponent("out")
        try OutputFolder(out).write([
            OutputFile(name: "periods.json", text: "{}\n"),
            OutputFile(name: "tables/breakpoints.csv", text: "a\n"),
        ])
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("periods.json"), encoding: .utf8), "{}\n")
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("tables/breakpoints.csv"), encoding: .utf8), "a\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(), ["periods.json", "tables"])
    }

    func testOutputFolderWritesNothingWhenOneFileFails() throws {
        try Data("keep".utf8).write(to: folder.appendingPathComponent("periods.json"))
        // A file and a folder of the same name cannot both be staged: the set fails before any rename.
        let files = [
            OutputFile(name: "periods.json", text: "new"), OutputFile(name: "x", text: "1"),
            OutputFile(name: "x/y.csv", text: "2"),
        ]
        XCTAssertThrowsError(try OutputFolder(folder).write(files))
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("periods.json")), Data("keep".utf8))
        XCTAssertEqual(try contents(), ["periods.json"])
    }

    func testOutputFolderRejectsUnsafeNames() {
        for name in ["../escape.csv", "/abs.csv", "a//b", ""] {
            XCTAssertThrowsError(try OutputFolder(folder).write([OutputFile(name: name, text: "x")]), name)
        }
        XCTAssertEqual(try contents(), [])
    }
}
