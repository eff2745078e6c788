import XCTest
import Centrality
import Foundation
import TestSupport

/// One committed reference graph (scripts/fixtures/centrality.py).
struct CentralityFixture: Decodable {
    var name: String
    var directed: Bool
    var nodeCount: Int
    /// [source, target, weight] rows, with the parallel edges and loops of the input.
    var edges: [[Double]]
    var measures: Measures
    /// Distance mode → betweenness / closeness / harmonic (and the reference's source).
    var paths: [String: PathMeasures]

    struct Measures: Decodable {
        var degree: [Double]
        var strength: [Double]
        /// nil when networkx's power iteration does not converge (a DAG).
        var eigenvector: [Double]?
        var pagerank: [Double]
    }

    struct PathMeasures: Decodable {
        var betweenness: [Double]
        var closeness: [Double]
        var harmonic: [Double]
        var source: String
    }

    enum CodingKeys: String, CodingKey {
        case name, directed, edges, measures, paths
        case nodeCount = "node_count"
    }

    func graph() throws -> Graph {
        try Graph(
            nodeCount: nodeCount,
            edges: edges.map { WeightedEdge(source: Int($0[0]), target: Int($0[1]), weight: $0[2]) },
            directed: directed)
    }

    static func all() throws -> [CentralityFixture] {
        let folder = Fixtures.url("centrality")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        return try files.map { try Fixtures.load(CentralityFixture.self, "centrality/\($0)") }
    }
}

/// Relative 1e-9 with an absolute floor of 1e-12 for values near 0.
func assertClose(
    _ actual: [Double], _ expected: [Double], relative: Double = 1e-9, absolute: Double = 1e-12,
    _ label: String, file: StaticString = #filePath, line: UInt = #line
) {
    guard actual.count == expected.count else {
        XCTFail("\(label): \(actual.count) values, expected \(expected.count)", file: file, line: line)
        return
    }
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        let tolerance = relative * max(abs(a), abs(e)) + absolute
        if !(abs(a - e) <= tolerance) {
            XCTFail("\(label) node \(i): \(a) vs expected \(e) (diff \(abs(a - e)))", file: file, line: line)
            return
        }
    }
}
