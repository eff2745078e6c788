import Centrality

/// The single place where Analysis calls the Centrality module.
enum CentralityBridge {
    static let allMeasures = CentralityMeasure.allCases

    /// Normalized betweenness of a year's network (what the indicators need), without the
    /// sets and maps of the multi-measure call: it runs once per year of every replicate.
    static func betweenness(_ network: YearNetwork, distance: DistanceMode) -> [Double] {
        betweennessCentrality(of: graph(network), options: CentralityOptions(distance: distance, threads: 1))
    }

    private static func graph(_ network: YearNetwork) -> Graph {
        let edges = network.edges.map { WeightedEdge(source: $0.source, target: $0.target, weight: $0.weight) }
        // YearNetwork keeps only finite positive weights between its own nodes, so this cannot fail.
        guard let graph = try? Graph(nodeCount: network.nodeCount, edges: edges, directed: network.directed) else {
            preconditionFailure("YearNetwork produced an invalid graph")
        }
        return graph
    }

    /// The measures of a year's network, one value per active place.
    static func compute(_ network: YearNetwork, measures: [CentralityMeasure], distance: DistanceMode) -> [CentralityMeasure: [Double]] {
        var out: [CentralityMeasure: [Double]] = [:]
        for (measure, v) in centralities(of: graph(network), measures: measures, options: CentralityOptions(distance: distance, threads: 1))
        {
            out[measure] = v
        }
        return out
    }
}
