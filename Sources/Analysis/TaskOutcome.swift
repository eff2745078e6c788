/// The point estimate of one scenario: its indicator series and periodization.
package struct ScenarioPoint: Sendable, Hashable, Codable {
    package var series: IndicatorSeries
    package var periodization: Periodization
}

/// What one bootstrap replicate contributes to the aggregates.
package struct ReplicateOutcome: Sendable, Hashable {
    /// First year of every stage after the first.
    package var transitionYears: [Int]
    /// Stage label of every year row (e.g. "trade-based").
    package var yearLabels: [String]
    /// Dominant scale of every year row's stage (e.g. "regional").
    package var yearScales: [String]
    /// The replicate's indicator rows (same years and columns as the point
    /// estimate); empty outside the baseline scenario.
    package var indicators: RowMatrix
}

/// The result of one `AnalysisTask`, as sent back by a worker.
package struct TaskOutcome: Sendable, Hashable {
    package var task: Int
    package var scenario: Int
    package var point: ScenarioPoint?
    package var replicates: [ReplicateOutcome]
}
