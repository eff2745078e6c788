import Centrality
import TestSupport
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

    /// The CSR construction against a naive one (a dictionary per pair, weights
    /// summed in input order, rows sorted afterwards) on random multigraphs with
    /// loops, parallel edges in both orientations, isolated nodes and empty inputs.
    func testConstructionMatchesANaiveBuilderBitForBit() throws {
        var random = TestRandom(seed: 0x6A_7E11)
        for trial in 0..<400 {
            let n = random.int(0...12)
            let directed = trial % 2 == 0
            let m = n == 0 ? 0 : random.int(0...40)
            let edges = (0..<m).map { _ in
                WeightedEdge(
                    source: random.int(0...(n - 1)), target: random.int(0...(n - 1)),
                    weight: 0.001 + 10 * random.unit())
            }
            let graph = try Graph(nodeCount: n, edges: edges, directed: directed)
            let reference = NaiveGraph(nodeCount: n, edges: edges, directed: directed)
            let context = "trial \(trial): n \(n), \(directed ? "directed" : "undirected"), \(m) edges"
            XCTAssertEqual(graph.edgeCount, reference.pairCount, context)
            XCTAssertEqual(graph.droppedSelfLoops, reference.loops, context)
            XCTAssertEqual(graph.outOffsets, reference.out.offsets, context)
            XCTAssertEqual(graph.outNeighbors, reference.out.neighbors, context)
            XCTAssertEqual(graph.outWeights.map(\.bitPattern), reference.out.weights.map(\.bitPattern), context)
            XCTAssertEqual(graph.inOffsets, reference.into.offsets, context)
            XCTAssertEqual(graph.inNeighbors, reference.into.neighbors, context)
            XCTAssertEqual(graph.inWeights.map(\.bitPattern), reference.into.weights.map(\.bitPattern), context)
        }
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

/// The obvious construction, for `testConstructionMatchesANaiveBuilderBitForBit`.
private struct NaiveGraph {
    struct Rows {
        var offsets: [Int] = [0]
        var neighbors: [Int32] = []
        var weights: [Double] = []
    }
    var pairCount = 0
    var loops = 0
    var out = Rows()
    var into = Rows()

    init(nodeCount n: Int, edges: [WeightedEdge], directed: Bool) {
        var sums: [[Int]: Double] = [:]
        for edge in edges {
            if edge.source == edge.target {
                loops += 1
                continue
            }
            let key =
                directed
                ? [edge.source, edge.target]
                : [min(edge.source, edge.target), max(edge.source, edge.target)]
            sums[key] = (sums[key] ?? 0) + edge.weight
        }
        pairCount = sums.count
        var outLists = [[(Int, Double)]](repeating: [], count: n)
        var inLists = [[(Int, Double)]](repeating: [], count: n)
        for (pair, weight) in sums {
            outLists[pair[0]].append((pair[1], weight))
            inLists[pair[1]].append((pair[0], weight))
            if !directed {
                outLists[pair[1]].append((pair[0], weight))
                inLists[pair[0]].append((pair[1], weight))
            }
        }
        func rows(_ lists: [[(Int, Double)]]) -> Rows {
            var rows = Rows()
            for list in lists {
                for (neighbor, weight) in list.sorted(by: { $0.0 < $1.0 }) {
                    rows.neighbors.append(Int32(neighbor))
                    rows.weights.append(weight)
                }
                rows.offsets.append(rows.neighbors.count)
            }
            return rows
        }
        out = rows(outLists)
        into = rows(inLists)
    }
}
