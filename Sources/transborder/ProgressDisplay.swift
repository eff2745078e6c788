import Cluster
import ClusterProtocol
import Foundation

/// Shows job progress on stderr: on a terminal a redrawn bar with the elapsed time and
/// an estimate of the time left (the mean pace so far × the tasks left); otherwise a
/// plain line when the state changes and at every tenth of the tasks, so logs stay short.
struct ProgressDisplay {
    let isTerminal: Bool
    /// What plain lines start with (`job 3f2a…`, `run`).
    var label: String
    private let started = Date()
    private var lastLine = ""
    private var lastTenth = -1
    private var lastState = ""
    private var lastDraw = -1.0
    private var lastDrawnTenth = -1

    init(label: String = "job", isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.isTerminal = isTerminal
    }

    mutating func show(_ status: JobStatus) {
        label = "job \(status.job)"
        show(done: status.tasksDone, total: status.tasksTotal, state: Self.state(status))
    }

    /// The state as shown: `queued`, or `queued, waiting for workers` when no eligible
    /// worker is connected (`JobStatus.waitingForWorkers`).
    static func state(_ status: JobStatus) -> String {
        status.waitingForWorkers ? "\(status.state.rawValue), waiting for workers" : status.state.rawValue
    }

    mutating func show(done: Int, total: Int, state: String) {
        let elapsed = Date().timeIntervalSince(started)
        if isTerminal {
            // Redraw at most ten times a second, but at every tenth of the tasks and at the end.
            let tenth = total > 0 ? done * 10 / total : 0
            guard elapsed - lastDraw >= 0.1 || tenth != lastDrawnTenth || done == total else { return }
            lastDraw = elapsed
            lastDrawnTenth = tenth
        }
        if let line = Self.line(
            done: done, total: total, state: state, elapsed: elapsed, terminal: isTerminal,
            label: label, lastTenth: &lastTenth, lastState: &lastState)
        {
            if isTerminal {
                // Pad over a longer previous line.
                let padded = line.padding(toLength: max(line.count, lastLine.count), withPad: " ", startingAt: 0)
                FileHandle.standardError.write(Data(("\r" + padded).utf8))
            } else {
                printError(line)
            }
            lastLine = line
        }
    }

    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    /// The text to show for this update, or nil when a plain log needs no new line.
    static func line(
        done: Int, total: Int, state: String, elapsed: Double, terminal: Bool, label: String,
        lastTenth: inout Int, lastState: inout String
    ) -> String? {
        let fraction = total > 0 ? min(Double(done) / Double(total), 1) : 0
        let eta = done > 0 && done < total ? elapsed / Double(done) * Double(total - done) : nil
        let times = "elapsed \(duration(elapsed))" + (eta.map { ", ETA \(duration($0))" } ?? "")
        if terminal {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            return "[\(bar)] \(done)/\(total) \(state) · \(times)"
        }
        let tenth = total > 0 ? Int(fraction * 10) : 0
        guard state != lastState || tenth != lastTenth else { return nil }
        lastState = state
        lastTenth = tenth
        return "\(label): \(state) \(done)/\(total) tasks, \(times)"
    }

    /// `42s`, `3m05s`, `1h02m`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        if s < 3600 { return "\(s / 60)m\(two(s % 60))s" }
        return "\(s / 3600)h\(two(s % 3600 / 60))m"
    }
}
