import Centrality
import TestSupport
import XCTest

/// Every measure on every committed reference graph (networkx 3.x conventions;
/// exact rational values for betweenness/closeness/harmonic on integer weights).
final class FixtureTests: XCTestCase {
    func testFixturesArePresent() throws {
        let names = Set(try CentralityFixture.all().map(\.name))
        for required in [
            "karate", "directed30", "disconnected12", "isolated", "multilinks", "multilinks_directed",
            "selfloops", "single_node", "two_nodes", "two_nodes_directed", "star", "path", "ba300",
            "ties", "ties_directed", "pendant_trees", "sparse_forest",
        ] {
            XCTAssertTrue(names.contains(required), "missing fixture \(required)")
        }
    }

    func testDegreeAndStrength() throws {
        for fixture in try CentralityFixture.all() {
            let graph = try fixture.graph()
            assertClose(degreeCentrality(of: graph), fixture.measures.degree, "\(fixture.name) degree")
            assertClose(strength(of: graph), fixture.measures.strength, "\(fixture.name) strength")
        }
    }

    func testEigenvector() throws {
        for fixture in try CentralityFixture.all() {
            let result = eigenvectorCentrality(of: try fixture.graph())
            if let expected = fixture.measures.eigenvector {
                XCTAssertTrue(result.converged, "\(fixture.name) eigenvector did not converge")
                assertClose(result.values, expected, "\(fixture.name) eigenvector")
            } else {
                // networkx fails to converge (a DAG): so must we, and say so.
                XCTAssertFalse(result.converged, "\(fixture.name) eigenvector should not converge")
            }
        }
    }

    func testPageRank() throws {
        for fixture in try CentralityFixture.all() {
            let result = pageRank(of: try fixture.graph())
            XCTAssertTrue(result.converged, fixture.name)
            assertClose(result.values, fixture.measures.pagerank, "\(fixture.name) pagerank")
            if fixture.nodeCount > 0 {
                XCTAssertEqual(result.values.reduce(0, +), 1, accuracy: 1e-12, "\(fixture.name) pagerank sum")
            }
        }
    }

    func testPathMeasuresInEveryDistanceMode() throws {
        for fixture in try CentralityFixture.all() {
            let graph = try fixture.graph()
            XCTAssertEqual(Set(fixture.paths.keys), Set(DistanceMode.allCases.map(\.rawValue)), fixture.name)
            for mode in DistanceMode.allCases {
                let expected = try XCTUnwrap(fixture.paths[mode.rawValue])
                let options = CentralityOptions(distance: mode)
                let label = "\(fixture.name) \(mode.rawValue) (\(expected.source))"
                assertClose(betweennessCentrality(of: graph, options: options), expected.betweenness, "\(label) betweenness")
                assertClose(closenessCentrality(of: graph, options: options), expected.closeness, "\(label) closeness")
                assertClose(harmonicCentrality(of: graph, options: options), expected.harmonic, "\(label) harmonic")
            }
        }
    }

    /// The tie-heavy graphs are where networkx's float `==` goes wrong; the
    /// reference there is exact, so check it tightly.
    func testWeightedTiesMatchExactRationals() throws {
        for name in ["karate", "ties", "ties_directed", "multilinks", "pendant_trees", "sparse_forest"] {
            let fixture = try Fixtures.load(CentralityFixture.self, "centrality/\(name).json")
            let expected = try XCTUnwrap(fixture.paths["inverse"])
            XCTAssertTrue(expected.source.hasPrefix("exact"), name)
            let values = betweennessCentrality(of: try fixture.graph(), options: CentralityOptions(distance: .inverse))
            assertClose(values, expected.betweenness, relative: 1e-12, absolute: 1e-15, "\(name) exact betweenness")
        }
    }

    func testCombinedCallEqualsSingleMeasures() throws {
        for fixture in try CentralityFixture.all() {
            let graph = try fixture.graph()
            for mode in DistanceMode.allCases {
                let options = CentralityOptions(distance: mode)
                let all = centralities(of: graph, options: options)
                XCTAssertEqual(Set(all.keys), Set(CentralityMeasure.allCases))
                XCTAssertEqual(all[.betweenness], betweennessCentrality(of: graph, options: options))
                XCTAssertEqual(all[.closeness], closenessCentrality(of: graph, options: options))
                XCTAssertEqual(all[.harmonic], harmonicCentrality(of: graph, options: options))
                XCTAssertEqual(all[.eigenvector], eigenvectorCentrality(of: graph, options: options).values)
                XCTAssertEqual(all[.pagerank], pageRank(of: graph, options: options).values)
                XCTAssertEqual(all[.degree], degreeCentrality(of: graph))
                XCTAssertEqual(all[.strength], strength(of: graph))
            }
            let some = centralities(of: graph, measures: [.closeness])
            XCTAssertEqual(Array(some.keys), [.closeness])
        }
    }

    /// networkx `normalized=False`: ordered pairs on digraphs, unordered pairs when undirected.
    func testUnnormalizedBetweenness() throws {
        for name in ["karate", "directed30", "ties_directed"] {
            let fixture = try Fixtures.load(CentralityFixture.self, "centrality/\(name).json")
            let graph = try fixture.graph()
            let n = Double(fixture.nodeCount)
            let pairs: Double = (n - 1) * (n - 2) / (fixture.directed ? 1 : 2)
            let normalized: [Double] = try XCTUnwrap(fixture.paths["hops"]).betweenness
            let expected: [Double] = normalized.map { $0 * pairs }
            var options = CentralityOptions(distance: .hops)
            options.normalizedBetweenness = false
            assertClose(betweennessCentrality(of: graph, options: options), expected, "\(name) raw betweenness")
        }
    }
}
