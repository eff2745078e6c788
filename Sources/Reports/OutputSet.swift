import Analysis
import AtomicOutput
import ConcurrencyTools
import Dispatch
import Foundation

/// The periodized outputs of a job (everything but manifest.json, which the
/// runner writes because it records timings and the worker count).
package enum OutputSet {
    /// All result files, sorted by name. Deterministic: same job → same bytes.
    ///
    /// The writers are independent pure functions of `results`, so they run
    /// concurrently (the workers are idle by then); each file's bytes do not
    /// depend on which thread wrote it.
    ///
    /// - Parameter early: `baselineFiles(of:_:)` when already written (a streaming
    ///   fold writes them while the tasks still run); written here otherwise.
    package static func files(_ results: JobResults, early: [OutputFile]? = nil) throws -> [OutputFile] {
        let all: [@Sendable (JobResults) throws -> OutputFile] =
            early == nil
            ? writers
                + baselineWriters.map { writer in { writer($0.job, JobResults.Baseline(series: $0.series, centrality: $0.centrality)) } }
            : writers
        let outcomes = WriterOutcomes(count: all.count)
        DispatchQueue.concurrentPerform(iterations: all.count) { i in
            outcomes.set(i, Result { try all[i](results) })
        }
        return try (outcomes.files() + (early ?? [])).sorted { $0.name < $1.name }
    }

    /// The files that depend only on the job and its baseline, not on any task
    /// result (the same bytes `files(_:)` writes for them).
    package static func baselineFiles(of job: JobAnalysis, _ baseline: JobResults.Baseline) -> [OutputFile] {
        baselineWriters.map { $0(job, baseline) }
    }

    /// Writers of files that need the job's results.
    static let writers: [@Sendable (JobResults) throws -> OutputFile] = [
        { try PeriodsOutput.json($0) },
        { PeriodsOutput.csv($0) },
        { BreakpointsOutput.csv($0) },
        { BreakpointsOutput.transitions($0) },
        { PeriodsOutput.corePlaces($0) },
        { PenaltyPathOutput.csv($0) },
        { SensitivityOutput.csv($0) },
        { SensitivityOutput.stages($0) },
        { SensitivityOutput.shifts($0) },
        { TablesOutput.indicatorsByYear($0) },
        { TablesOutput.centralityByPeriod($0) },
        { TablesOutput.stageLabelsByYear($0) },
        { GeoJSONOutput.places($0) },
        { GeoJSONOutput.links($0) },
        { ReportOutput.html($0) },
    ]

    /// Writers of files that need only the job and its baseline.
    static let baselineWriters: [@Sendable (JobAnalysis, JobResults.Baseline) -> OutputFile] = [
        { TablesOutput.centralityByYear($0.panel, $1.centrality) }
    ]
}

/// The writers' results, one slot each, filled from concurrent iterations.
///
/// A `GuardedCondition` (an `NSCondition`) rather than `Mutex`: Synchronization's Mutex
/// spins before it sleeps, and under callgrind, which runs one thread at a time, a
/// spinning writer burns its whole time slice — `scripts/bench instructions` counted
/// ≈ 0.5 % more for the default job, nothing that a wall clock shows.
private final class WriterOutcomes: Sendable {
    private let slots: GuardedCondition<[Result<OutputFile, any Error>?]>

    init(count: Int) { slots = GuardedCondition(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ outcome: Result<OutputFile, any Error>) {
        slots.withLock { $0.state[index] = outcome }
    }

    /// The files in writer order; the first writer error (in writer order) is rethrown.
    func files() throws -> [OutputFile] {
        let outcomes = slots.withLock { $0.state }
        return try outcomes.map { try ($0 ?? .failure(AnalysisError.corruptResult(task: -1, reason: "writer did not run"))).get() }
    }
}
