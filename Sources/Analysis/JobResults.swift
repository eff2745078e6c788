/// Everything the output writers need, assembled once all tasks are folded.
///
/// The baseline is recomputed here with every centrality measure (the tasks
/// carry only what the aggregates need), so core places and the
/// centrality tables come from one deterministic computation.
public struct JobResults: Sendable {
    public let job: JobAnalysis
    /// The baseline indicator series (point estimate).
    public let series: IndicatorSeries
    /// The baseline periodization with names and core places.
    public let periodization: Periodization
    /// Every centrality measure of every year of the baseline.
    public let centrality: [YearCentrality]
    /// Aggregates per scenario (index 0 = baseline).
    public let scenarios: [ScenarioTally]

    public init(aggregation: Aggregation) throws {
        guard aggregation.isComplete else {
            throw AnalysisError.corruptResult(task: aggregation.job.taskCount, reason: "aggregation is incomplete")
        }
        let job = aggregation.job
        let weights = job.panel.links.map(\.weight)
        let (series, centrality) = job.analysis.indicators(weights: weights, fullCentrality: true)
        guard let point = aggregation.scenarios[0].point else {
            throw AnalysisError.corruptResult(task: 0, reason: "baseline point estimate missing")
        }
        self.job = job
        self.series = series
        self.centrality = centrality
        self.periodization = job.analysis.label(series, breakpoints: point.periodization.breakpoints,
                                                cost: point.periodization.cost, centrality: centrality)
        self.scenarios = aggregation.scenarios
    }

    public var baseline: ScenarioTally { scenarios[0] }
    public var spec: JobSpec { job.spec }

    /// Bootstrap interval of the start year of stage `number` (nil for stage 1 or without replicates).
    public func startInterval(stage number: Int, level: Double) -> [Int]? {
        guard number >= 2, baseline.transitionYears.indices.contains(number - 2) else { return nil }
        return baseline.transitionYears[number - 2].interval(level: level)
    }
}
