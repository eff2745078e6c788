import Centrality
import XCTest

/// Threads change who computes a chunk of sources, never the bits of the result.
final class DeterminismTests: XCTestCase {
    /// A seeded random graph with integer weights 1...6 (plenty of exact 1/w ties).
    static func randomGraph(nodes: Int, edges: Int, directed: Bool, seed: UInt64) throws -> Graph {
        var state = seed
        func next() -> UInt64 {  // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var list: [WeightedEdge] = []
        for _ in 0..<edges {
            let u = Int(next() % UInt64(nodes))
            let v = Int(next() % UInt64(nodes))
            list.append(WeightedEdge(source: u, target: v, weight: Double(1 + next() % 6)))
        }
        return try Graph(nodeCount: nodes, edges: list, directed: directed)
    }

    func testOneAndSeveralThreadsGiveIdenticalBits() throws {
        for directed in [false, true] {
            let graph = try Self.randomGraph(nodes: 300, edges: 1200, directed: directed, seed: directed ? 7 : 8)
            for mode in DistanceMode.allCases {
                let measures: [CentralityMeasure] = [.betweenness, .closeness, .harmonic]
                let one = centralities(of: graph, measures: measures, options: CentralityOptions(distance: mode, threads: 1))
                for threads in [2, 3] {
                    let many = centralities(
                        of: graph, measures: measures,
                        options: CentralityOptions(distance: mode, threads: threads))
                    for measure in measures {
                        XCTAssertEqual(
                            one[measure]?.map(\.bitPattern), many[measure]?.map(\.bitPattern),
                            "\(measure) \(mode) directed=\(directed) threads=\(threads)")
                    }
                }
                XCTAssertGreaterThan(one[.betweenness]?.max() ?? 0, 0)
            }
        }
    }
}
