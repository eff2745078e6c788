@testable import Centrality
import TestSupport
import XCTest

/// The pruning behind betweenness on sparse undirected graphs: what is pruned,
/// and the closed-form tree counts (ordered pairs) it replaces searches with.
final class PendantTreesTests: XCTestCase {
    func testStarCollapsesToItsCentre() throws {
        let graph = try Graph(nodeCount: 7, edges: (1..<7).map { (0, $0, 1.0) }, directed: false)
        let trees = PendantTrees(graph: graph)
        XCTAssertEqual(trees.coreNodes.count, 1)
        XCTAssertEqual(trees.coreWeights.reduce(0, +), 7)
        // The centre lies on every path between two of its six leaves: 6 × 5 ordered pairs.
        XCTAssertEqual(trees.treeBetweenness, [30, 0, 0, 0, 0, 0, 0])
    }

    func testPathCountsPairsOnEitherSide() throws {
        // 0 – 1 – 2 – 3: node 1 separates {0} from {2, 3}, node 2 separates {0, 1} from {3}.
        let graph = try Graph(nodeCount: 4, edges: [(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)], directed: false)
        let trees = PendantTrees(graph: graph)
        XCTAssertEqual(trees.coreNodes.count, 1)
        XCTAssertEqual(trees.treeBetweenness, [0, 4, 4, 0])
    }

    func testCycleIsNotPrunedAndKeepsUnitWeights() throws {
        let graph = try Graph(nodeCount: 4, edges: [(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 0, 1.0)], directed: false)
        let trees = PendantTrees(graph: graph)
        XCTAssertFalse(trees.prunedAny)
        XCTAssertEqual(trees.coreNodes, [0, 1, 2, 3])
        XCTAssertEqual(trees.coreWeights, [1, 1, 1, 1])
        XCTAssertEqual(trees.treeBetweenness, [0, 0, 0, 0])
    }

    /// The fixture's core is its six-node block 0…5; every other node hangs from
    /// it, forms a tree component, a pair, or is isolated — and ω adds up to the
    /// component of the core.
    func testFixtureCoreIsTheBlockWithoutItsTrees() throws {
        let fixture = try Fixtures.load(CentralityFixture.self, "centrality/pendant_trees.json")
        let trees = PendantTrees(graph: try fixture.graph())
        XCTAssertEqual(Array(trees.coreNodes.prefix(6)), [0, 1, 2, 3, 4, 5])
        // Beyond the block only the roots of the tree component, of the pair and the isolated nodes remain.
        XCTAssertEqual(trees.coreNodes.count, 6 + 1 + 1 + 2)
        let blockComponent = trees.coreWeights.prefix(6).reduce(0, +)
        // The generator appends a 9-node tree, a pair and two isolated nodes after the block's component.
        XCTAssertEqual(blockComponent, Double(fixture.nodeCount - 9 - 2 - 2), "ω of the block counts every node hanging from it")
        XCTAssertEqual(Array(trees.coreWeights.suffix(4)), [9, 2, 1, 1])
    }
}
