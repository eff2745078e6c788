import CSV
@testable import JobFiles
import TestSupport
import XCTest

/// `CSVScanner` against CSV.swift's `CSVReader` (the reader it replaced): the same
/// records for RFC 4180 cases, CSV.swift's own leniencies, and random texts.
final class CSVScannerTests: XCTestCase {
    func reference(_ text: String) throws -> [[String]] {
        let reader = try CSVReader(string: text, hasHeaderRow: false)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        XCTAssertNil(reader.error)
        return rows
    }

    func assertSame(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(CSVScanner.records(text), try reference(text), "text: \(text.debugDescription)", file: file, line: line)
    }

    func testRFC4180Cases() throws {
        XCTAssertEqual(CSVScanner.records("a,b\n1,2\n"), [["a", "b"], ["1", "2"]])
        XCTAssertEqual(CSVScanner.records("\"x, \"\"y\"\"\",z\r\n"), [["x, \"y\"", "z"]])
        for text in [
            "", "a", "a\n", "a\r\nb\rc\nd", "a,,b,\n,\n", "\n\n", "\"multi\nline\",2\r\n3,4",
            "\"\",\"\"\n", "é,\"ü\",中文\n", " spaced , \" q \" \n", "a,b,\n", "\"a\"\r", "\"a\"\r\n\"b\"",
        ] {
            try assertSame(text)
        }
    }

    /// CSV.swift's leniencies, kept: an unclosed quote ends at the end of the text; a
    /// character after a closing quote is dropped (a multi-byte one whole).
    func testLeniencies() throws {
        for text in ["\"open,field\nnext", "\"ab\"cd,e\n", "\"ab\"éd,e\n", "\"ab\"中\n", "x\"y,z\n", "\"a\"\"", "\""] {
            try assertSame(text)
        }
    }

    func testRandomTexts() throws {
        let alphabet: [String] = ["a", "b", ",", "\"", "\n", "\r", "\r\n", " ", "é", "中", "\u{1F600}", "\t"]
        var rng = TestRandom(seed: 20_221_108)
        for _ in 0..<3_000 {
            let length = Int(rng.next() % 24)
            let text = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
            try assertSame(text)
        }
    }
}
