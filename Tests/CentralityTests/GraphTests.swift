import Centrality
import XCTest

/// The CSR graph's documented conventions: merging, loops, validation.
final class GraphTests: XCTestCase {
    func testUndirectedParallelEdgesAreSummedInBothOrientations() throws {
        let graph = try Graph(nodeCount: 3, edges: [(0, 1, 1), (1, 0, 2), (0, 1, 3.5), (1, 2, 1)], directed: false)
        XCTAssertEqual(graph.edgeCount, 2)
        XCTAssertEqual(graph.outOffsets, [0, 1, 3, 4])
        XCTAssertEqual(graph.outNeighbors, [1, 0, 2, 1])
        XCTAssertEqual(graph.outWeights, [6.5, 6.5, 1, 1])
        XCTAssertEqual(graph.inNeighbors, graph.outNeighbors)
        XCTAssertEqual(strength(of: graph), [6.5, 7.5, 1])
    }

    func testDirectedArcsStayDistinctAndKeepTheirTranspose() throws {
        let graph = try Graph(nodeCount: 3, edges: [(0, 1, 1), (1, 0, 2), (0, 1, 3), (2, 1, 4)], directed: true)
        XCTAssertEqual(graph.edgeCount, 3)
        XCTAssertEqual(graph.outNeighbors, [1, 0, 1])
        XCTAssertEqual(graph.outWeights, [4, 2, 4])
        XCTAssertEqual(graph.inOffsets, [0, 1, 3, 3])
        XCTAssertEqual(graph.inNeighbors, [1, 0, 2])
        XCTAssertEqual(graph.inWeights, [2, 4, 4])
        XCTAssertEqual((0..<3).map(graph.inDegree), [1, 2, 0])
        XCTAssertEqual(strength(of: graph), [6, 10, 4])
    }

    func testSelfLoopsAreDroppedAndCounted() throws {
        let graph = try Graph(nodeCount: 2, edges: [(0, 0, 5), (0, 1, 1), (1, 1, 2)], directed: false)
        XCTAssertEqual(graph.droppedSelfLoops, 2)
        XCTAssertEqual(graph.edgeCount, 1)
        XCTAssertEqual(strength(of: graph), [1, 1])
    }

    func testNeighbourListsAreSorted() throws {
        let graph = try Graph(nodeCount: 5, edges: [(4, 0, 1), (2, 0, 1), (0, 3, 1), (1, 0, 1)], directed: false)
        XCTAssertEqual(graph.outNeighbors[graph.outOffsets[0]..<graph.outOffsets[1]], [1, 2, 3, 4])
    }

    func testInvalidInputIsATypedError() {
        XCTAssertThrowsError(try Graph(nodeCount: 2, edges: [(0, 2, 1)], directed: false)) { error in
            XCTAssertEqual(error as? GraphError, .nodeOutOfRange(edge: 0, node: 2, nodeCount: 2))
        }
        XCTAssertThrowsError(try Graph(nodeCount: 2, edges: [(0, 1, 1), (-1, 1, 1)], directed: true)) { error in
            XCTAssertEqual(error as? GraphError, .nodeOutOfRange(edge: 1, node: -1, nodeCount: 2))
        }
        for bad in [0, -1, Double.nan, .infinity] {
            XCTAssertThrowsError(try Graph(nodeCount: 2, edges: [(0, 1, bad)], directed: false)) { error in
                guard case .invalidWeight(edge: 0, _)? = error as? GraphError else {
                    return XCTFail("expected invalidWeight, got \(error)")
                }
            }
        }
        XCTAssertThrowsError(try Graph(nodeCount: -1, edges: [WeightedEdge](), directed: false))
    }

    func testEmptyGraphGivesEmptyResults() throws {
        let graph = try Graph(nodeCount: 0, edges: [WeightedEdge](), directed: false)
        let all = centralities(of: graph)
        XCTAssertEqual(all.count, CentralityMeasure.allCases.count)
        XCTAssertTrue(all.values.allSatisfy(\.isEmpty))
    }
}
