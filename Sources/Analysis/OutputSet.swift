import Dispatch
import Foundation

/// The periodized outputs of a job (everything but manifest.json, which the
/// runner writes because it records timings and the worker count).
public enum OutputSet {
    /// All result files, sorted by name. Deterministic: same job → same bytes.
    ///
    /// The writers are independent pure functions of `results`, so they run
    /// concurrently (the workers are idle by then); each file's bytes do not
    /// depend on which thread wrote it.
    public static func files(_ results: JobResults) throws -> [ResultFile] {
        let outcomes = WriterOutcomes(count: writers.count)
        DispatchQueue.concurrentPerform(iterations: writers.count) { i in
            outcomes.set(i, Result { try writers[i](results) })
        }
        return try outcomes.files().sorted { $0.name < $1.name }
    }

    /// Every writer, in one place.
    static let writers: [@Sendable (JobResults) throws -> ResultFile] = [
        { try PeriodsOutput.json($0) },
        { PeriodsOutput.csv($0) },
        { BreakpointsOutput.csv($0) },
        { SensitivityOutput.csv($0) },
        { TablesOutput.indicatorsByYear($0) },
        { TablesOutput.centralityByYear($0) },
        { TablesOutput.centralityByPeriod($0) },
        { TablesOutput.stageLabelsByYear($0) },
        { try GeoJSONOutput.geojson($0) },
        { ReportOutput.html($0) },
    ]
}

/// The writers' results, one slot each, filled from concurrent iterations.
private final class WriterOutcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<ResultFile, any Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ outcome: Result<ResultFile, any Error>) {
        lock.withLock { slots[index] = outcome }
    }

    /// The files in writer order; the first writer error (in writer order) is rethrown.
    func files() throws -> [ResultFile] {
        try lock.withLock { try slots.map { try ($0 ?? .failure(AnalysisError.corruptResult(task: -1, reason: "writer did not run"))).get() } }
    }
}
