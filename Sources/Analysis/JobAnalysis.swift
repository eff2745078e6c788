import CooperationNetwork
import Resampling

/// A job ready to compute: the panel, the spec and the task plan.
///
/// `execute(task:)` is the pure `Task -> TaskResult` function that both the
/// in-process runner and every worker call, so all give the same bytes.
public struct JobAnalysis: Sendable {
    public let analysis: PanelAnalysis
    public let plan: TaskPlan
    /// The analysis of the panel under the alternative reading (links moved to
    /// their `alt_layer`), when the plan has that scenario.
    let alternative: PanelAnalysis?

    public init(panel: Panel, spec: JobSpec) {
        self.analysis = PanelAnalysis(panel: panel, spec: spec)
        self.plan = TaskPlan(spec: spec, panel: panel)
        self.alternative = plan.scenarios.contains(.alternativeReading)
            ? PanelAnalysis(panel: Scenario.alternativeReading.panel(from: panel), spec: spec) : nil
    }

    /// The analysis a scenario runs on: its own panel for the alternative reading, else the job's.
    func analysis(for scenario: Scenario) -> PanelAnalysis {
        if case .alternativeReading = scenario, let alternative { return alternative }
        return analysis
    }

    public var panel: Panel { analysis.panel }
    public var spec: JobSpec { analysis.spec }
    public var taskCount: Int { plan.tasks.count }

    /// Computes task `index`.
    public func execute(task index: Int) throws -> TaskOutcome {
        guard plan.tasks.indices.contains(index) else {
            throw AnalysisError.unknownTask(index, taskCount: plan.tasks.count)
        }
        let task = plan.tasks[index]
        let scenario = plan.scenarios[task.scenario]
        let analysis = analysis(for: scenario)
        let weights = scenario.weights(for: analysis.panel)
        guard let replicates = task.replicates else {
            return TaskOutcome(task: index, scenario: task.scenario,
                               point: try point(weights: weights, analysis: analysis), replicates: [])
        }
        var outcomes: [ReplicateOutcome] = []
        outcomes.reserveCapacity(replicates.count)
        switch spec.bootstrap.scheme {
        case .links:
            for r in replicates {
                outcomes.append(try linkReplicate(weights: weights, analysis: analysis, scenario: task.scenario,
                                                  replicate: r))
            }
        case .residuals, .blocks:
            let base = try point(weights: weights, analysis: analysis)
            for r in replicates {
                outcomes.append(try residualReplicate(base, analysis: analysis, scenario: task.scenario, replicate: r))
            }
        }
        return TaskOutcome(task: index, scenario: task.scenario, point: nil, replicates: outcomes)
    }

    /// The point estimate under `weights`.
    public func point(weights: [Double]) throws -> ScenarioPoint {
        try point(weights: weights, analysis: analysis)
    }

    func point(weights: [Double], analysis: PanelAnalysis) throws -> ScenarioPoint {
        let (series, _) = analysis.indicators(weights: weights, fullCentrality: false)
        return ScenarioPoint(series: series, periodization: try analysis.periodize(series))
    }

    private func stream(scenario: Int, replicate: Int) -> RandomStream {
        RandomStream(seed: spec.bootstrap.seed, scenario: UInt64(scenario), replicate: UInt64(replicate))
    }

    /// `links` scheme: Poisson(1) multiplicity per link-year, everything recomputed.
    func linkReplicate(weights: [Double], analysis: PanelAnalysis, scenario: Int, replicate: Int) throws -> ReplicateOutcome {
        var rng = stream(scenario: scenario, replicate: replicate)
        let multiplicity = BootstrapDraws.linkMultiplicities(count: weights.count, stream: &rng)
        var resampled = weights
        for i in resampled.indices { resampled[i] *= Double(multiplicity[i]) }
        let (series, _) = analysis.indicators(weights: resampled, fullCentrality: false)
        return outcome(series, try analysis.periodize(series), scenario: scenario)
    }

    /// `residuals` / `blocks` schemes: the point segmentation's fitted means plus
    /// residual rows resampled within each segment (iid or in moving blocks).
    func residualReplicate(_ base: ScenarioPoint, analysis: PanelAnalysis, scenario: Int,
                           replicate: Int) throws -> ReplicateOutcome {
        var rng = stream(scenario: scenario, replicate: replicate)
        let series = base.series
        var segments: [Range<Int>] = []
        var start = 0
        for end in base.periodization.breakpoints { segments.append(start..<end); start = end }
        let rows: [Int] = spec.bootstrap.scheme == .blocks
            ? BootstrapDraws.blockRows(segments: segments, blockLength: spec.bootstrap.blockLength, stream: &rng)
            : BootstrapDraws.residualRows(segments: segments, stream: &rng)
        var fitted = series.values
        for segment in segments {
            let means = series.means(over: segment)
            for t in segment { fitted[t] = means }
        }
        var values = series.values
        for t in values.indices {
            for j in values[t].indices {
                values[t][j] = fitted[t][j] + (series.values[rows[t]][j] - fitted[rows[t]][j])
            }
        }
        let resampled = IndicatorSeries(years: series.years, columns: series.columns, values: values)
        return outcome(resampled, try analysis.periodize(resampled), scenario: scenario)
    }

    /// Only the baseline's replicates carry their indicator rows (the bands of
    /// indicators_by_year.csv); sensitivity replicates need only their stages.
    private func outcome(_ series: IndicatorSeries, _ periodization: Periodization, scenario: Int) -> ReplicateOutcome {
        let stageLabels = periodization.stages.map(\.label)  // built once per stage, not per year
        let labels = periodization.stageOfRow.map { stageLabels[$0 - 1] }
        return ReplicateOutcome(transitionYears: periodization.transitionYears, yearLabels: labels,
                                indicators: scenario == 0 ? RowMatrix(rows: series.values) : RowMatrix())
    }
}
