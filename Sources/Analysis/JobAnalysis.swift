import CooperationNetwork
import Resampling

/// A job ready to compute: the panel, the spec and the task plan.
///
/// `execute(task:)` is the pure `Task -> TaskResult` function that both the
/// in-process runner and every worker call, so all give the same bytes.
package struct JobAnalysis: Sendable {
    package let analysis: PanelAnalysis
    package let plan: TaskPlan
    /// The analysis of the panel under the alternative reading (links moved to
    /// their `alt_layer`), when the plan has that scenario.
    let alternative: PanelAnalysis?
    /// What replicates resample and perturb on `analysis` and on `alternative`.
    let design: ReplicateDesign
    let alternativeDesign: ReplicateDesign?

    package init(panel: Panel, spec: JobSpec) {
        self.analysis = PanelAnalysis(panel: panel, spec: spec)
        self.plan = TaskPlan(spec: spec, panel: panel)
        self.alternative =
            plan.scenarios.contains(.alternativeReading)
            ? PanelAnalysis(panel: Scenario.alternativeReading.panel(from: panel), spec: spec) : nil
        self.design = ReplicateDesign(analysis: analysis)
        self.alternativeDesign = alternative.map { ReplicateDesign(analysis: $0) }
    }

    /// The analysis a scenario runs on: its own panel for the alternative reading, else the job's.
    func analysis(for scenario: Scenario) -> PanelAnalysis {
        if case .alternativeReading = scenario, let alternative { return alternative }
        return analysis
    }

    /// The replicate design of a scenario's analysis.
    func design(for scenario: Scenario) -> ReplicateDesign {
        if case .alternativeReading = scenario, let alternativeDesign { return alternativeDesign }
        return design
    }

    package var panel: Panel { analysis.panel }
    package var spec: JobSpec { analysis.spec }
    package var taskCount: Int { plan.tasks.count }

    /// Computes task `index`.
    package func execute(task index: Int) throws -> TaskOutcome {
        guard plan.tasks.indices.contains(index) else {
            throw AnalysisError.unknownTask(index, taskCount: plan.tasks.count)
        }
        let task = plan.tasks[index]
        let scenario = plan.scenarios[task.scenario]
        let analysis = analysis(for: scenario)
        let design = design(for: scenario)
        let weights = scenario.weights(for: analysis.panel)
        guard let replicates = task.replicates else {
            return TaskOutcome(
                task: index, scenario: task.scenario,
                point: try point(weights: weights, analysis: analysis), replicates: [])
        }
        var outcomes: [ReplicateOutcome] = []
        outcomes.reserveCapacity(replicates.count)
        switch spec.bootstrap.scheme {
        case .links, .spells:
            for r in replicates {
                outcomes.append(
                    try resampledReplicate(
                        weights: weights, design: design, scenario: task.scenario,
                        replicate: r))
            }
        case .residuals, .blocks:
            let base = try point(weights: weights, analysis: analysis)
            for r in replicates {
                outcomes.append(
                    try residualReplicate(
                        base, weights: weights, analysis: analysis, design: design,
                        scenario: task.scenario, replicate: r))
            }
        }
        return TaskOutcome(task: index, scenario: task.scenario, point: nil, replicates: outcomes)
    }

    /// The point estimate under `weights`.
    package func point(weights: [Double]) throws -> ScenarioPoint {
        try point(weights: weights, analysis: analysis)
    }

    func point(weights: [Double], analysis: PanelAnalysis) throws -> ScenarioPoint {
        let (series, _) = analysis.indicators(weights: weights, fullCentrality: false)
        return ScenarioPoint(series: series, periodization: try analysis.periodize(series))
    }

    private func stream(scenario: Int, replicate: Int) -> RandomStream {
        RandomStream(seed: spec.bootstrap.seed, scenario: UInt64(scenario), replicate: UInt64(replicate))
    }

    /// The weights of one `links` or `spells` replicate, indexed like `design.analysis.panel.links`:
    /// `links` draws a Poisson(1) multiplicity per link-year, `spells` a Bayesian-bootstrap
    /// weight per tie spell (one for its whole life); then the measurement perturbation.
    func resampledWeights(_ weights: [Double], design: ReplicateDesign, stream rng: inout RandomStream) -> [Double] {
        var resampled: [Double]
        switch spec.bootstrap.scheme {
        case .links:
            let multiplicity = BootstrapDraws.linkMultiplicities(count: weights.count, stream: &rng)
            resampled =
                design.isIdentity
                ? zip(weights, multiplicity).map { $0 * Double($1) }
                : design.source.map { weights[$0] * Double(multiplicity[$0]) }
        case .spells:
            let multiplier = BootstrapDraws.spellWeights(count: design.unitCount, stream: &rng)
            resampled = design.isIdentity ? weights : design.source.map { weights[$0] }
            for i in resampled.indices { resampled[i] *= multiplier[design.unit[i]] }
        case .residuals, .blocks:
            resampled = design.isIdentity ? weights : design.source.map { weights[$0] }
        }
        design.perturb(&resampled, stream: &rng)
        return resampled
    }

    /// `links` / `spells` schemes: resampled (and perturbed) weights, everything recomputed.
    func resampledReplicate(
        weights: [Double], design: ReplicateDesign, scenario: Int,
        replicate: Int
    ) throws -> ReplicateOutcome {
        var rng = stream(scenario: scenario, replicate: replicate)
        let resampled = resampledWeights(weights, design: design, stream: &rng)
        let (series, _) = design.analysis.indicators(weights: resampled, fullCentrality: false)
        return outcome(series, try design.analysis.periodize(series), scenario: scenario)
    }

    /// `residuals` / `blocks` schemes: the point segmentation's fitted means plus
    /// residual rows resampled within each segment (iid or in moving blocks);
    /// with a measurement perturbation, plus the change it makes to the indicators.
    func residualReplicate(
        _ base: ScenarioPoint, weights: [Double], analysis: PanelAnalysis, design: ReplicateDesign,
        scenario: Int, replicate: Int
    ) throws -> ReplicateOutcome {
        var rng = stream(scenario: scenario, replicate: replicate)
        let series = base.series
        var segments: [Range<Int>] = []
        var start = 0
        for end in base.periodization.breakpoints {
            segments.append(start..<end)
            start = end
        }
        let rows: [Int] =
            spec.bootstrap.scheme == .blocks
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
        if design.perturbs {
            let perturbed = design.analysis.indicators(
                weights: resampledWeights(weights, design: design, stream: &rng),
                fullCentrality: false
            ).0
            for t in values.indices {
                for j in values[t].indices { values[t][j] += perturbed.values[t][j] - series.values[t][j] }
            }
        }
        let resampled = IndicatorSeries(years: series.years, columns: series.columns, values: values)
        return outcome(resampled, try analysis.periodize(resampled), scenario: scenario)
    }

    /// Only the baseline's replicates carry their indicator rows (the bands of
    /// indicators_by_year.csv); sensitivity replicates need only their stages.
    private func outcome(_ series: IndicatorSeries, _ periodization: Periodization, scenario: Int) -> ReplicateOutcome {
        let stageLabels = periodization.stages.map(\.label)  // built once per stage, not per year
        let stageScales = periodization.stages.map(\.dominantScale)
        let rows = periodization.stageOfRow
        return ReplicateOutcome(
            transitionYears: periodization.transitionYears,
            yearLabels: rows.map { stageLabels[$0 - 1] }, yearScales: rows.map { stageScales[$0 - 1] },
            indicators: scenario == 0 ? RowMatrix(rows: series.values) : RowMatrix())
    }
}
