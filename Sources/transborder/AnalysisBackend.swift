import Analysis
import AtomicOutput
import Cluster
import ClusterProtocol
import CooperationNetwork
import Foundation
import JobFiles
import Reports

/// The `analysis` backend: a job spec and its panel, computed by the pure
/// `JobAnalysis.execute(task:)` on every worker and aggregated in task order.
struct AnalysisBackend: TaskBackend {
    let kind = "analysis"

    func prepare(_ bundle: JobBundle) throws -> any PreparedJob {
        let loaded = try JobBundleLoading.load(bundle)
        return PreparedAnalysis(panel: loaded.panel, spec: loaded.spec, bundle: bundle)
    }
}

/// Parses an `analysis` bundle's spec and data with `JobLoader`, the code that reads local files.
enum JobBundleLoading {
    static func load(_ bundle: JobBundle) throws -> (spec: JobSpec, panel: Panel) {
        try JobLoader.load(specBytes: bundle.spec, placesBytes: bundle.places, linksBytes: bundle.links)
    }
}

/// A prepared analysis job: task results are `TaskOutcome`s in `TaskOutcomeCodec`'s
/// binary layout.
struct PreparedAnalysis: PreparedJob {
    let job: JobAnalysis
    let bundle: JobBundle

    /// The job of `panel` and `spec`, parsed from `bundle`'s bytes (by a worker) or
    /// from the same files (by `run`, which hands it to its in-process coordinator).
    init(panel: Panel, spec: JobSpec, bundle: JobBundle) {
        job = JobAnalysis(panel: panel, spec: spec)
        self.bundle = bundle
    }

    var taskCount: Int { job.taskCount }

    func execute(task index: Int) throws -> Data {
        try TaskOutcomeCoding.encode(job.execute(task: index))
    }

    func makeFold() -> any ResultFold { AnalysisFold(aggregation: Aggregation(job: job)) }

    func manifest(run: RunRecord) -> OutputFile {
        let manifest = RunManifest(run: run, job: job, bundle: bundle)
        return OutputFile(name: "manifest.json", data: manifest.jsonData())
    }
}

/// The analysis aggregate in progress: task outcomes folded in index order, and
/// the baseline's full centralities with the files that need only them, computed
/// by `prepare` (or with the first result, when nobody called it) so that a
/// streaming fold has them ready before the last task arrives.
struct AnalysisFold: ResultFold {
    var aggregation: Aggregation
    var baseline: JobResults.Baseline?
    /// The files that need only the baseline, written with it while the tasks run.
    var early: [OutputFile]?

    /// The baseline (every centrality measure of the observed panel) and the files that
    /// need only it: computed before any result arrives.
    mutating func prepare() {
        guard baseline == nil else { return }
        let computed = JobResults.baseline(of: aggregation.job)
        baseline = computed
        early = OutputSet.baselineFiles(of: aggregation.job, computed)
    }

    mutating func fold(_ result: Data, task index: Int) throws {
        try aggregation.fold(TaskOutcomeCoding.decode(result, task: index))
        prepare()
    }

    func files() throws -> [OutputFile] {
        try OutputSet.files(JobResults(aggregation: aggregation, baseline: baseline), early: early)
    }
}

/// The wire form of task results: `TaskOutcomeCodec`'s binary layout.
enum TaskOutcomeCoding {
    static func encode(_ outcome: TaskOutcome) throws -> Data {
        TaskOutcomeCodec.encode(outcome)
    }

    static func decode(_ data: Data, task: Int) throws -> TaskOutcome {
        do {
            return try TaskOutcomeCodec.decode(data)
        } catch {
            throw AnalysisError.corruptResult(task: task, reason: String(describing: error))
        }
    }
}

/// manifest.json: what produced the outputs (tool, spec and data hashes, seed)
/// and how the run went (workers, timings) — the one file allowed to differ
/// between runs of the same job.
struct RunManifest: Encodable {
    var tool: String
    var version: String
    var job: String
    var jobID: String
    var specSHA256: String
    var dataSHA256: String
    var bundleSHA256: String
    var seed: UInt64
    var scheme: String
    var replicates: Int
    var scenarios: Int
    var tasks: Int
    var workers: Int
    var retries: Int
    var lostLeases: Int
    var duplicateResults: Int
    var elapsedSeconds: Double
    var submittedAt: String
    var finishedAt: String

    enum CodingKeys: String, CodingKey {
        case tool, version, job, seed, scheme, replicates, scenarios, tasks, workers, retries
        case jobID = "job_id"
        case specSHA256 = "spec_sha256"
        case dataSHA256 = "data_sha256"
        case bundleSHA256 = "bundle_sha256"
        case lostLeases = "lost_leases"
        case duplicateResults = "duplicate_results"
        case elapsedSeconds = "elapsed_seconds"
        case submittedAt = "submitted_at"
        case finishedAt = "finished_at"
    }

    init(run: RunRecord, job: JobAnalysis, bundle: JobBundle) {
        tool = "transborder"
        version = ToolVersion.current
        self.job = job.spec.name
        jobID = run.job
        specSHA256 = ContentHash.sha256(bundle.spec)
        dataSHA256 = ContentHash.sha256(parts: [Array(bundle.places), Array(bundle.links)])
        bundleSHA256 = run.bundleHash
        seed = job.spec.bootstrap.seed
        scheme = job.spec.bootstrap.scheme.rawValue
        replicates = job.spec.bootstrap.replicates
        scenarios = job.plan.scenarios.count
        tasks = run.tasks
        workers = run.workers
        retries = run.retries
        lostLeases = run.lost
        duplicateResults = run.duplicates
        elapsedSeconds = run.elapsedSeconds
        submittedAt = UTCTimestamp.string(run.submittedAt)
        finishedAt = UTCTimestamp.string(run.finishedAt)
    }

    func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        data.append(0x0A)
        return data
    }
}
