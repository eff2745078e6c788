import Centrality

/// The centralities of the active places of one year.
package struct YearCentrality: Sendable, Hashable, Codable {
    package var year: Int
    /// Panel place indices, aligned with every measure's values.
    package var activePlaces: [Int]
    /// Measure → value per active place.
    package var values: [CentralityMeasure: [Double]]
}
