import Centrality

/// The single place where Analysis calls the Centrality module.
enum CentralityBridge {
    static let allMeasures = ["degree", "strength", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank"]
    static let indicatorMeasures = ["betweenness"]

    static func compute(_ network: YearNetwork, measures: [String], distance: DistanceSetting) -> [String: [Double]] {
        fatalError("CentralityBridge: pending the Centrality module API")
    }
}
