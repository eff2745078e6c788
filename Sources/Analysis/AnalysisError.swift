/// Why an analysis could not run on a panel (as opposed to bad input files).
package enum AnalysisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Fewer years than the stage settings need (2 × min_size for one transition).
    case tooFewYears(years: Int, minSize: Int)
    /// A change-point request that the segmentation module rejected.
    case segmentation(String)
    /// A task index outside the job's plan (a corrupt or foreign request).
    case unknownTask(Int, taskCount: Int)
    /// A stored task result that does not decode (corrupt store or wrong job).
    case corruptResult(task: Int, reason: String)

    package var description: String {
        switch self {
        case .tooFewYears(let years, let minSize):
            return "the panel has \(years) years; stages need at least min_size (\(minSize)) years each"
        case .segmentation(let message):
            return "change-point detection failed: \(message)"
        case .unknownTask(let index, let count):
            return "task \(index) is not part of this job (it has \(count) tasks)"
        case .corruptResult(let task, let reason):
            return "the result of task \(task) is unreadable: \(reason)"
        }
    }
}
