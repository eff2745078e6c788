import Centrality
import Foundation
import TestSupport
import XCTest

/// `transborder centrality`, run as a real process: output shape, formats, and bad input.
final class CentralityCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try Fixtures.temporaryDirectory("centrality-cli")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ text: String, _ name: String = "edges.csv") throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// The fixture's edges as CSV, nodes named "n<index>".
    private func csv(of fixture: CentralityFixture) -> String {
        "source,target,weight\n" + fixture.edges.map { "n\(Int($0[0])),n\(Int($0[1])),\($0[2])" }.joined(separator: "\n") + "\n"
    }

    private struct Output: Decodable {
        var nodes: [String]
        var measures: [String: [String: Double]]
    }

    /// Decodes the JSON output (JSONDecoder: JSONSerialization rounds some doubles on Linux).
    private func decode(_ output: ProcessOutput) throws -> (nodes: [String], measures: [String: [String: Double]]) {
        XCTAssertEqual(output.status, 0, output.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["nodes", "measures"])
        let decoded = try JSONDecoder().decode(Output.self, from: Data(output.stdout.utf8))
        return (decoded.nodes, decoded.measures)
    }

    func testJSONMatchesTheReferenceAndTheLibraryBitForBit() throws {
        let fixture = try Fixtures.load(CentralityFixture.self, "centrality/karate.json")
        let path = try write(csv(of: fixture))
        let (nodes, measures) = try decode(try runTransborder(["centrality", path, "--threads", "1"]))
        XCTAssertEqual(Set(nodes), Set((0..<34).map { "n\($0)" }))
        XCTAssertEqual(Set(measures.keys), Set(CentralityMeasure.allCases.map(\.rawValue)))
        let expected = try XCTUnwrap(fixture.paths["inverse"])
        func column(_ name: String) -> [Double] { (0..<34).map { measures[name]?["n\($0)"] ?? .nan } }
        assertClose(column("betweenness"), expected.betweenness, "cli betweenness")
        assertClose(column("closeness"), expected.closeness, "cli closeness")
        assertClose(column("harmonic"), expected.harmonic, "cli harmonic")
        assertClose(column("degree"), fixture.measures.degree, "cli degree")
        assertClose(column("strength"), fixture.measures.strength, "cli strength")
        assertClose(column("eigenvector"), try XCTUnwrap(fixture.measures.eigenvector), "cli eigenvector")
        assertClose(column("pagerank"), fixture.measures.pagerank, "cli pagerank")
        // Full precision: the printed numbers read back as the library's exact doubles
        // (same graph with the CLI's node numbering, so the same summation order).
        let position = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) })
        let renumbered = try Graph(
            nodeCount: 34,
            edges: fixture.edges.map {
                WeightedEdge(source: position["n\(Int($0[0]))"] ?? -1, target: position["n\(Int($0[1]))"] ?? -1, weight: $0[2])
            }, directed: false)
        for measure in CentralityMeasure.allCases {
            let library = try XCTUnwrap(centralities(of: renumbered, options: CentralityOptions(distance: .inverse))[measure])
            let printed = nodes.map { measures[measure.rawValue]?[$0] ?? .nan }
            XCTAssertEqual(printed.map(\.bitPattern), library.map(\.bitPattern), measure.rawValue)
        }
    }

    func testNodesInOrderOfFirstAppearanceAndOptionsApplied() throws {
        let path = try write("target,source,weight\nc,a,2\na,b,1\nb,c,4\nd,c,1\n")
        let output = try runTransborder([
            "centrality", path, "--directed", "--distance", "raw",
            "--measure", "strength", "--measure", "closeness",
        ])
        let (nodes, measures) = try decode(output)
        XCTAssertEqual(nodes, ["a", "c", "b", "d"])  // source column first in each row
        XCTAssertEqual(Set(measures.keys), ["strength", "closeness"])
        XCTAssertTrue(output.stdout.range(of: "\"strength\"")!.lowerBound < output.stdout.range(of: "\"closeness\"")!.lowerBound)
        // Arcs a→c (2), b→a (1), c→b (4), c→d (1), lengths = weights.
        let graph = try Graph(nodeCount: 4, edges: [(0, 1, 2), (2, 0, 1), (1, 2, 4), (1, 3, 1)], directed: true)
        let closeness = closenessCentrality(of: graph, options: CentralityOptions(distance: .raw))
        XCTAssertEqual(nodes.indices.map { measures["closeness"]?[nodes[$0]] }, closeness.map { Optional($0) })
        XCTAssertEqual(measures["strength"], ["a": 3, "c": 7, "b": 5, "d": 1])
    }

    func testNoWeightColumnMeansWeightOneAndBOMAndCRLFAreAccepted() throws {
        let path = try write("\u{FEFF}source,target\r\n\"x, y\",z\r\nz,w\r\n")
        let (nodes, measures) = try decode(try runTransborder(["centrality", path, "--measure", "strength"]))
        XCTAssertEqual(nodes, ["x, y", "z", "w"])
        XCTAssertEqual(measures["strength"], ["x, y": 1, "z": 2, "w": 1])
    }

    func testCSVFormat() throws {
        let path = try write("source,target,weight\n\"a,1\",b,2\nb,c,1\nc,c,5\n")
        let output = try runTransborder(["centrality", path, "--format", "csv", "--measure", "degree", "--measure", "betweenness"])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertEqual(output.stdout, "node,degree,betweenness\n\"a,1\",0.5,0.0\nb,1.0,1.0\nc,0.5,0.0\n")
        XCTAssertTrue(output.stderr.contains("dropped 1 self-loop"))
    }

    func testThreadCountDoesNotChangeTheOutput() throws {
        let fixture = try Fixtures.load(CentralityFixture.self, "centrality/ba300.json")
        let path = try write(csv(of: fixture))
        let one = try runTransborder(["centrality", path, "--threads", "1", "--measure", "betweenness", "--measure", "closeness"])
        let two = try runTransborder(["centrality", path, "--threads", "2", "--measure", "betweenness", "--measure", "closeness"])
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertEqual(one.stdout, two.stdout)
    }

    func testMissingFileExitsWithStatus2() throws {
        let missing = folder.appendingPathComponent("nope.csv").path
        let output = try runTransborder(["centrality", missing])
        XCTAssertEqual(output.status, 2)
        XCTAssertEqual(output.stdout, "")
        XCTAssertTrue(output.stderr.contains("\(missing): no such file"), output.stderr)
    }

    func testBadHeaderNamesLineAndField() throws {
        let path = try write("from,target,weight\na,b,1\n")
        let output = try runTransborder(["centrality", path])
        XCTAssertEqual(output.status, 2)
        XCTAssertEqual(output.stdout, "")
        XCTAssertTrue(output.stderr.contains("\(path):1: field 'from': unknown column"), output.stderr)
        XCTAssertTrue(output.stderr.contains("\(path):1: field 'source': missing column"), output.stderr)
    }

    func testBadWeightsAreAllReportedWithLineAndField() throws {
        let path = try write("source,target,weight\na,b,1\nb,c,-2\nc,d,NaN\nd,e,heavy\ne,f,0\nf,g\n")
        let output = try runTransborder(["centrality", path])
        XCTAssertEqual(output.status, 2)
        XCTAssertEqual(output.stdout, "")
        for expected in [
            "\(path):3: field 'weight'", "\(path):4: field 'weight'", "\(path):5: field 'weight': 'heavy' is not a number",
            "\(path):6: field 'weight'", "\(path):7: expected 3 fields as in the header, found 2",
        ] {
            XCTAssertTrue(output.stderr.contains(expected), "missing \(expected) in \(output.stderr)")
        }
    }

    /// Lines are physical lines, as in a job's panel: a quoted node name holding a line
    /// break moves the next record to line 4, and a blank line is skipped but counted.
    func testLineNumbersArePhysicalLines() throws {
        let path = try write("source,target,weight\n\"multi\nline\",b,1\nc,d,heavy\n\ne,f,-1\n")
        let output = try runTransborder(["centrality", path])
        XCTAssertEqual(output.status, 2)
        XCTAssertTrue(output.stderr.contains("\(path):4: field 'weight': 'heavy' is not a number"), output.stderr)
        XCTAssertTrue(output.stderr.contains("\(path):6: field 'weight'"), output.stderr)
    }

    func testEmptyFileAndInvalidUTF8() throws {
        let empty = try write("", "empty.csv")
        let output = try runTransborder(["centrality", empty])
        XCTAssertEqual(output.status, 2)
        XCTAssertTrue(output.stderr.contains("\(empty):1: empty file"), output.stderr)
        let binary = folder.appendingPathComponent("latin1.csv")
        try Data([0x73, 0x6F, 0x75, 0x72, 0x63, 0x65, 0x2C, 0x74, 0x61, 0x72, 0x67, 0x65, 0x74, 0x0A, 0xE9, 0x2C, 0x61, 0x0A]).write(
            to: binary)
        let latin = try runTransborder(["centrality", binary.path])
        XCTAssertEqual(latin.status, 2)
        XCTAssertTrue(latin.stderr.contains("not valid UTF-8"), latin.stderr)
    }

    func testHelpExplainsEveryOption() throws {
        let output = try runTransborder(["centrality", "--help"])
        XCTAssertEqual(output.status, 0)
        for word in [
            "--directed", "--distance", "inverse", "raw", "hops", "--measure", "--format", "json", "csv", "--threads",
            "source,target[,weight]", "pagerank", "eigenvector", "harmonic",
        ] {
            XCTAssertTrue(output.stdout.contains(word), "help lacks \(word)")
        }
    }
}
