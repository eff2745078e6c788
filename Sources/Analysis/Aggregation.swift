/// Folds task outcomes, in task-index order, into the job's aggregates.
///
/// Memory is flat in the number of replicates: transition years are counted,
/// indicator bands are running moments, labels are counted per year. The
/// fold order is fixed (task index), so the aggregates never depend on which
/// worker computed what or when it arrived.
public struct Aggregation: Sendable {
    public let job: JobAnalysis
    public private(set) var scenarios: [ScenarioTally]
    private var nextTask = 0

    public init(job: JobAnalysis) {
        self.job = job
        self.scenarios = job.plan.scenarios.map { ScenarioTally(scenario: $0) }
    }

    /// Whether every task has been folded.
    public var isComplete: Bool { nextTask == job.taskCount }

    /// Folds the outcome of the next task. Outcomes must come in task-index order.
    public mutating func fold(_ outcome: TaskOutcome) throws {
        guard outcome.task == nextTask, job.plan.tasks.indices.contains(outcome.task),
              job.plan.tasks[outcome.task].scenario == outcome.scenario
        else {
            throw AnalysisError.corruptResult(task: outcome.task,
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
        let series = point.series, p = point.periodization
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
public struct ScenarioTally: Sendable {
    public let scenario: Scenario
    public private(set) var point: ScenarioPoint?
    public private(set) var replicates = 0
    /// For each transition of the point estimate: the years of the nearest replicate transition.
    public private(set) var transitionYears: [YearDistribution] = []
    /// Replicates with a transition within ±1 year of each point transition.
    public private(set) var withinOneYear: [Int] = []
    /// Number of stages → replicates.
    public private(set) var stageCounts: [Int: Int] = [:]
    /// Per year row: label → replicates.
    public var labelCounts: [[String: Int]] {
        labelTally.map { row in
            var counts: [String: Int] = [:]
            for (id, n) in row.enumerated() where n > 0 { counts[labelNames[id]] = n }
            return counts
        }
    }
    /// Stage labels seen so far, in order of first appearance (a handful per job).
    private var labelNames: [String] = []
    /// Per year row, per index into `labelNames`: replicates.
    private var labelTally: [[Int]] = []
    /// Per year row and indicator column (baseline only).
    public var indicatorMoments: [[RunningMoments]] {
        (0..<momentRows).map { Array(moments[$0 * momentColumns..<($0 + 1) * momentColumns]) }
    }
    /// `indicatorMoments` row after row in one array: every replicate adds to each cell,
    /// and one flat buffer costs a fraction of a nested array's per-element checks.
    private var moments: [RunningMoments] = []
    private var momentRows = 0
    private var momentColumns = 0

    init(scenario: Scenario) { self.scenario = scenario }

    mutating func setPoint(_ point: ScenarioPoint, trackIndicators: Bool) {
        self.point = point
        let transitions = point.periodization.transitionYears.count
        transitionYears = Array(repeating: YearDistribution(), count: transitions)
        withinOneYear = Array(repeating: 0, count: transitions)
        labelTally = Array(repeating: [], count: point.series.years.count)
        if trackIndicators {
            momentRows = point.series.years.count
            momentColumns = point.series.columns.count
            moments = Array(repeating: RunningMoments(), count: momentRows * momentColumns)
        }
    }

    mutating func add(_ replicate: ReplicateOutcome, task: Int) throws {
        guard let point else {
            throw AnalysisError.corruptResult(task: task, reason: "replicate before its scenario's point estimate")
        }
        guard replicate.yearLabels.count == labelTally.count,
              momentRows == 0 || replicate.indicators.rowCount == momentRows
        else { throw AnalysisError.corruptResult(task: task, reason: "replicate covers other years") }
        replicates += 1
        for (j, year) in point.periodization.transitionYears.enumerated() {
            if let nearest = Self.nearest(to: year, in: replicate.transitionYears) {
                transitionYears[j].add(nearest)
                if abs(nearest - year) <= 1 { withinOneYear[j] += 1 }
            }
        }
        stageCounts[replicate.transitionYears.count + 1, default: 0] += 1
        var id = -1
        for (t, label) in replicate.yearLabels.enumerated() {
            // Consecutive years mostly share a stage, hence a label.
            if id < 0 || labelNames[id] != label { id = labelID(label) }
            if labelTally[t].count <= id { labelTally[t].append(contentsOf: repeatElement(0, count: id + 1 - labelTally[t].count)) }
            labelTally[t][id] += 1
        }
        if momentRows > 0 {
            let indicators = replicate.indicators
            guard indicators.columnCount == momentColumns else {
                throw AnalysisError.corruptResult(task: task, reason: "replicate has other indicator columns")
            }
            // Same cells, same order as row by row: the matrix is row-major too.
            moments.withUnsafeMutableBufferPointer { cells in
                indicators.values.withUnsafeBufferPointer { values in
                    for cell in cells.indices { cells[cell].add(values[cell]) }
                }
            }
        }
    }

    private mutating func labelID(_ label: String) -> Int {
        if let id = labelNames.firstIndex(of: label) { return id }
        labelNames.append(label)
        return labelNames.count - 1
    }

    /// The replicate transition nearest to `year` (ties go to the earlier one); nil when there is none.
    static func nearest(to year: Int, in years: [Int]) -> Int? {
        var best: Int? = nil
        for y in years {
            if let b = best {
                let d = abs(y - year), db = abs(b - year)
                if d < db || (d == db && y < b) { best = y }
            } else {
                best = y
            }
        }
        return best
    }

    /// Share of replicates with a transition within ±1 year of point transition `j`.
    public func withinOneYearShare(_ j: Int) -> Double? {
        replicates > 0 ? Double(withinOneYear[j]) / Double(replicates) : nil
    }
}
