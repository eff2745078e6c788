/// Folds task outcomes, in task-index order, into the job's aggregates.
///
/// Memory is flat in the number of replicates: transition years are counted,
/// indicator bands are percentile sketches, labels are counted per year. The
/// fold order is fixed (task index), so the aggregates never depend on which
/// worker computed what or when it arrived.
package struct Aggregation: Sendable {
    package let job: JobAnalysis
    package private(set) var scenarios: [ScenarioTally]
    private var nextTask = 0

    package init(job: JobAnalysis) {
        self.job = job
        self.scenarios = job.plan.scenarios.map { ScenarioTally(scenario: $0, matchWindow: job.spec.bootstrap.matchWindow) }
    }

    /// Whether every task has been folded.
    package var isComplete: Bool { nextTask == job.taskCount }

    /// Folds the outcome of the next task. Outcomes must come in task-index order.
    package mutating func fold(_ outcome: TaskOutcome) throws {
        guard outcome.task == nextTask, job.plan.tasks.indices.contains(outcome.task),
            job.plan.tasks[outcome.task].scenario == outcome.scenario
        else {
            throw AnalysisError.corruptResult(
                task: outcome.task,
                reason: "expected the result of task \(nextTask) (fold order is the task index)")
        }
        let planned = job.plan.tasks[outcome.task]
        if planned.replicates == nil {
            guard let point = outcome.point else {
                throw AnalysisError.corruptResult(task: outcome.task, reason: "point estimate missing")
            }
            if let problem = shapeProblem(point) {
                throw AnalysisError.corruptResult(task: outcome.task, reason: problem)
            }
            scenarios[outcome.scenario].setPoint(point, trackIndicators: outcome.scenario == 0)
        } else {
            guard outcome.replicates.count == planned.replicates?.count else {
                throw AnalysisError.corruptResult(task: outcome.task, reason: "wrong number of replicates")
            }
            for replicate in outcome.replicates {
                try scenarios[outcome.scenario].add(replicate, task: outcome.task)
            }
        }
        nextTask += 1
    }
}

extension Aggregation {
    /// Why a point estimate cannot come from this job (results arrive from the
    /// network: nothing in them is trusted), or nil when its shape is right.
    func shapeProblem(_ point: ScenarioPoint) -> String? {
        let years = Array(job.panel.years)
        let series = point.series
        let p = point.periodization
        guard series.years == years, series.columns == job.analysis.columns,
            series.values.count == years.count,
            series.values.allSatisfy({ $0.count == series.columns.count })
        else { return "point estimate covers other years or indicators" }
        guard let last = p.breakpoints.last, last == years.count, p.breakpoints.first.map({ $0 > 0 }) == true,
            zip(p.breakpoints, p.breakpoints.dropFirst()).allSatisfy({ $0 < $1 }),
            p.stages.count == p.breakpoints.count,
            p.transitionYears == p.breakpoints.dropLast().map({ years[$0] })
        else { return "point estimate has inconsistent breakpoints" }
        return nil
    }
}

/// The aggregates of one scenario.
package struct ScenarioTally: Sendable {
    package let scenario: Scenario
    package private(set) var point: ScenarioPoint?
    package private(set) var replicates = 0
    /// Replicates match a point transition within ± this many years (`bootstrap.match_window`).
    package let matchWindow: Int
    /// For each transition of the point estimate: the years of the nearest replicate
    /// transition, over the replicates that have one within ±`matchWindow` years.
    package private(set) var transitionYears: [YearDistribution] = []
    /// Replicates with a transition within ±`matchWindow` years of each point transition.
    package private(set) var supported: [Int] = []
    /// Replicates with a transition within ±1 year of each point transition.
    package private(set) var withinOneYear: [Int] = []
    /// Number of stages → replicates.
    package private(set) var stageCounts: [Int: Int] = [:]
    /// Per year row: stage label → replicates.
    package var labelCounts: [[String: Int]] { labels.counts }
    /// Per year row: dominant scale → replicates.
    package var scaleCounts: [[String: Int]] { scales.counts }
    private var labels = YearLabelTally(years: 0)
    private var scales = YearLabelTally(years: 0)
    /// Per year row and indicator column (baseline only), row after row in one
    /// array: the replicates' values of the cell, as a percentile sketch.
    private var sketches: [PercentileSketch] = []
    private var sketchRows = 0
    private var sketchColumns = 0

    init(scenario: Scenario, matchWindow: Int) {
        self.scenario = scenario
        self.matchWindow = matchWindow
    }

    mutating func setPoint(_ point: ScenarioPoint, trackIndicators: Bool) {
        self.point = point
        let transitions = point.periodization.transitionYears.count
        transitionYears = Array(repeating: YearDistribution(), count: transitions)
        withinOneYear = Array(repeating: 0, count: transitions)
        supported = Array(repeating: 0, count: transitions)
        labels = YearLabelTally(years: point.series.years.count)
        scales = YearLabelTally(years: point.series.years.count)
        if trackIndicators {
            sketchRows = point.series.years.count
            sketchColumns = point.series.columns.count
            sketches = Array(repeating: PercentileSketch(), count: sketchRows * sketchColumns)
        }
    }

    mutating func add(_ replicate: ReplicateOutcome, task: Int) throws {
        guard let point else {
            throw AnalysisError.corruptResult(task: task, reason: "replicate before its scenario's point estimate")
        }
        guard replicate.yearLabels.count == labels.yearCount, replicate.yearScales.count == scales.yearCount,
            sketchRows == 0 || replicate.indicators.rowCount == sketchRows
        else { throw AnalysisError.corruptResult(task: task, reason: "replicate covers other years") }
        replicates += 1
        for (j, year) in point.periodization.transitionYears.enumerated() {
            if let nearest = Self.nearest(to: year, in: replicate.transitionYears), abs(nearest - year) <= matchWindow {
                transitionYears[j].add(nearest)
                supported[j] += 1
            }
            if replicate.transitionYears.contains(where: { abs($0 - year) <= 1 }) { withinOneYear[j] += 1 }
        }
        stageCounts[replicate.transitionYears.count + 1, default: 0] += 1
        labels.add(replicate.yearLabels)
        scales.add(replicate.yearScales)
        if sketchRows > 0 {
            let indicators = replicate.indicators
            guard indicators.columnCount == sketchColumns else {
                throw AnalysisError.corruptResult(task: task, reason: "replicate has other indicator columns")
            }
            // Same cells, same order as row by row: the matrix is row-major too.
            sketches.withUnsafeMutableBufferPointer { cells in
                indicators.values.withUnsafeBufferPointer { values in
                    for cell in cells.indices { cells[cell].add(values[cell]) }
                }
            }
        }
    }

    /// The replicate transition nearest to `year` (ties go to the earlier one); nil when there is none.
    package static func nearest(to year: Int, in years: [Int]) -> Int? {
        var best: Int? = nil
        for y in years {
            if let b = best {
                let d = abs(y - year)
                let db = abs(b - year)
                if d < db || (d == db && y < b) { best = y }
            } else {
                best = y
            }
        }
        return best
    }

    /// Share of replicates with a transition within ±`matchWindow` years of point
    /// transition `j` (its interval is computed over these); nil without replicates.
    package func support(_ j: Int) -> Double? {
        replicates > 0 && supported.indices.contains(j) ? Double(supported[j]) / Double(replicates) : nil
    }

    /// The interval of `level` of point transition `j`: the bias-corrected percentile
    /// interval of its supporting replicates about the point's transition year
    /// (`YearDistribution.interval(level:estimate:)`); nil without a point estimate or
    /// without a supporting replicate.
    package func interval(_ j: Int, level: Double) -> [Int]? {
        guard let years = point?.periodization.transitionYears, years.indices.contains(j),
            transitionYears.indices.contains(j)
        else { return nil }
        return transitionYears[j].interval(level: level, estimate: years[j])
    }

    /// A transition most replicates do not reproduce: support below one half.
    package static let weakSupport = 0.5

    /// Whether point transition `j` is weak (support < 0.5); false without replicates.
    package func isWeak(_ j: Int) -> Bool { support(j).map { $0 < Self.weakSupport } ?? false }

    /// The replicates' percentile band of `level` (0.95 → 2.5 %–97.5 %) for indicator
    /// `column` in year row `row` (baseline only); nil without replicates.
    package func indicatorBand(row: Int, column: Int, level: Double) -> ClosedRange<Double>? {
        guard row < sketchRows, column < sketchColumns else { return nil }
        return sketches[row * sketchColumns + column].band(level: level)
    }

    /// The replicates' median of indicator `column` in year row `row` (baseline only).
    package func indicatorMedian(row: Int, column: Int) -> Double? {
        guard row < sketchRows, column < sketchColumns else { return nil }
        return sketches[row * sketchColumns + column].percentile(0.5)
    }

    /// Share of replicates with a transition within ±1 year of point transition `j`.
    package func withinOneYearShare(_ j: Int) -> Double? {
        replicates > 0 ? Double(withinOneYear[j]) / Double(replicates) : nil
    }
}
