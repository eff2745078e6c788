/// The point estimate of one scenario: its indicator series and periodization.
public struct ScenarioPoint: Sendable, Hashable, Codable {
    public var series: IndicatorSeries
    public var periodization: Periodization
}

/// What one bootstrap replicate contributes to the aggregates.
public struct ReplicateOutcome: Sendable, Hashable {
    /// First year of every stage after the first.
    public var transitionYears: [Int]
    /// Stage label of every year row (e.g. "trade-based").
    public var yearLabels: [String]
    /// Dominant scale of every year row's stage (e.g. "regional").
    public var yearScales: [String]
    /// The replicate's indicator rows (same years and columns as the point
    /// estimate); empty outside the baseline scenario.
    public var indicators: RowMatrix
}

/// The result of one `AnalysisTask`, as sent back by a worker.
public struct TaskOutcome: Sendable, Hashable {
    public var task: Int
    public var scenario: Int
    public var point: ScenarioPoint?
    public var replicates: [ReplicateOutcome]
}
