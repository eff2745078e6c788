import StageTransition

/// Everything the output writers need, assembled once all tasks are folded.
///
/// The baseline is recomputed here with every centrality measure (the tasks
/// carry only what the aggregates need), so core places and the
/// centrality tables come from one deterministic computation.
package struct JobResults: Sendable {
    package let job: JobAnalysis
    /// The baseline indicator series (point estimate).
    package let series: IndicatorSeries
    /// The baseline periodization with names and core places.
    package let periodization: Periodization
    /// Every centrality measure of every year of the baseline.
    package let centrality: [YearCentrality]
    /// Aggregates per scenario (index 0 = baseline).
    package let scenarios: [ScenarioTally]
    /// Every optimal segmentation of the baseline for 0.1× to 10× the spec's
    /// penalty (penalty_path.csv and the report read the same one).
    package let penaltyPath: PenaltyPath

    /// - Parameter baseline: `JobResults.baseline(of:)` when already computed (a
    ///   streaming fold computes it while the tasks still run); computed here otherwise.
    package init(aggregation: Aggregation, baseline: Baseline? = nil) throws {
        guard aggregation.isComplete else {
            throw AnalysisError.corruptResult(task: aggregation.job.taskCount, reason: "aggregation is incomplete")
        }
        let job = aggregation.job
        let full = baseline ?? Self.baseline(of: job)
        let series = full.series
        let centrality = full.centrality
        guard let point = aggregation.scenarios[0].point else {
            throw AnalysisError.corruptResult(task: 0, reason: "baseline point estimate missing")
        }
        self.job = job
        self.series = series
        self.centrality = centrality
        self.periodization = job.analysis.label(
            series, breakpoints: point.periodization.breakpoints,
            cost: point.periodization.cost, centrality: centrality)
        self.scenarios = aggregation.scenarios
        self.penaltyPath = try job.analysis.penaltyPath(series)
    }

    /// The observed panel's indicators with every centrality measure of every year.
    package struct Baseline: Sendable {
        package let series: IndicatorSeries
        package let centrality: [YearCentrality]

        package init(series: IndicatorSeries, centrality: [YearCentrality]) {
            self.series = series
            self.centrality = centrality
        }
    }

    /// Computes the baseline detail of `job` (independent of every task result).
    package static func baseline(of job: JobAnalysis) -> Baseline {
        let (series, centrality) = job.analysis.indicators(weights: job.panel.links.map(\.weight), fullCentrality: true)
        return Baseline(series: series, centrality: centrality)
    }

    package var baseline: ScenarioTally { scenarios[0] }
    package var spec: JobSpec { job.spec }

    /// Probability of a stage's label over the bootstrap: for each year of the
    /// stage, the share of replicates that give that year the stage's label,
    /// averaged over the stage's years (nil without replicates).
    package func labelProbability(_ stage: Stage) -> Double? {
        probability(of: stage.label, in: baseline.labelCounts, stage: stage)
    }

    /// The same for the stage's dominant scale.
    package func scaleProbability(_ stage: Stage) -> Double? {
        probability(of: stage.dominantScale, in: baseline.scaleCounts, stage: stage)
    }

    private func probability(of value: String, in counts: [[String: Int]], stage: Stage) -> Double? {
        let replicates = baseline.replicates
        guard replicates > 0, let first = series.years.first else { return nil }
        // One division of integer totals: the mean of the yearly shares, correctly rounded
        // (a sum of yearly fractions would print as 0.49870000000000003 for 0.4987).
        let rows = (stage.startYear - first...stage.endYear - first).filter { counts.indices.contains($0) }
        guard !rows.isEmpty else { return nil }
        let agreeing = rows.reduce(0) { $0 + (counts[$1][value] ?? 0) }
        return Double(agreeing) / Double(replicates * rows.count)
    }

    /// Whether the number of breaks was chosen automatically and equals the
    /// most allowed: then `max_breaks`, not the penalty, bounded the answer.
    package var breaksCapped: Bool {
        spec.stages.breaks == nil && periodization.transitionYears.count == job.analysis.effectiveMaxBreaks
            && job.analysis.effectiveMaxBreaks > 0
    }

    /// ± years of dating blur at the start of stage `number` (`PanelAnalysis.blur`; 0 when the
    /// boundary is dated exactly); nil for stage 1.
    package func dateBlur(atStartOf number: Int) -> Int? {
        guard number >= 2, periodization.transitionYears.indices.contains(number - 2) else { return nil }
        return job.analysis.blur[periodization.transitionYears[number - 2] - job.panel.years.lowerBound]
    }

    /// Bootstrap interval of the start year of stage `number` (nil for stage 1 or without replicates).
    package func startInterval(stage number: Int, level: Double) -> [Int]? {
        number >= 2 ? baseline.interval(number - 2, level: level) : nil
    }
}
