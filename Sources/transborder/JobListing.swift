import Cluster
import ClusterProtocol
import Foundation

/// How client commands show jobs to an operator: one line per job, and the table of
/// `status` (id, name, state, progress, submitted and finished times in UTC, duration).
enum JobListing {
    /// `c2ee37296d7994a9 tiny done 14/14 tasks, submitted 2026-11-29T04:29:27Z, finished …, took 3.2 s`.
    static func line(_ s: JobStatus) -> String {
        var text =
            "\(s.job)\(s.name.isEmpty ? "" : " \(s.name)") \(s.kind) \(ProgressDisplay.state(s)) \(s.tasksDone)/\(s.tasksTotal) tasks"
        text += ", submitted \(UTCTimestamp.string(s.submittedAt))"
        if let finished = s.finishedAt { text += ", finished \(UTCTimestamp.string(finished))" }
        text += ", \(s.isFinished ? "took" : "running for") \(duration(s.durationSeconds))"
        if s.retries > 0 || s.lost > 0 { text += " (retries \(s.retries), lost \(s.lost))" }
        if !s.quarantined.isEmpty { text += " (quarantined: \(s.quarantined.joined(separator: ", ")))" }
        if s.waitingForWorkers { text += " (no eligible worker: \(s.workersConnected) connected)" }
        if let error = s.error { text += ": \(error)" }
        return text
    }

    /// The jobs as aligned columns, in the order given (`status`: newest first).
    static func table(_ jobs: [JobStatus]) -> [String] {
        let header = ["ID", "NAME", "STATE", "PROGRESS", "SUBMITTED (UTC)", "FINISHED (UTC)", "DURATION"]
        let rows = jobs.map { s in
            [
                s.job, s.name.isEmpty ? "-" : s.name, ProgressDisplay.state(s), "\(s.tasksDone)/\(s.tasksTotal)",
                UTCTimestamp.string(s.submittedAt), s.finishedAt.map(UTCTimestamp.string) ?? "-", duration(s.durationSeconds),
            ]
        }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }

    /// `0.42 s`, `12.5 s`, `3 min 20 s`, `2 h 05 min`, `3 d 4 h`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.2f s", seconds) }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds)
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        if whole < 86_400 { return String(format: "%d h %02d min", whole / 3600, (whole % 3600) / 60) }
        return "\(whole / 86_400) d \((whole % 86_400) / 3600) h"
    }
}
