import Cluster
import Foundation

/// Shows job progress on stderr: a redrawn bar on a terminal, a plain line per change otherwise.
struct ProgressDisplay {
    let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastLine = ""

    mutating func show(_ status: JobStatus) {
        let total = max(status.tasksTotal, 1)
        let fraction = Double(status.tasksDone) / Double(total)
        if isTerminal {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let text = "\r[\(bar)] \(status.tasksDone)/\(status.tasksTotal) \(status.state)"
            FileHandle.standardError.write(Data(text.utf8))
        } else {
            let line = "job \(status.job): \(status.state) \(status.tasksDone)/\(status.tasksTotal) tasks"
            if line != lastLine { printError(line) }
            lastLine = line
        }
    }

    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
