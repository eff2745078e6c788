import Centrality

/// The centralities of the active places of one year.
public struct YearCentrality: Sendable, Hashable, Codable {
    public var year: Int
    /// Panel place indices, aligned with every measure's values.
    public var activePlaces: [Int]
    /// Measure → value per active place.
    public var values: [CentralityMeasure: [Double]]
}
