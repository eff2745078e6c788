import Foundation

/// Appends executed task indices to a file shared by processes (test instrumentation of
/// the `noop` backend). One `write` with O_APPEND per line keeps lines whole.
package enum ExecutionLog {
    package static func append(index: Int, to path: String) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let line = Array("\(index)\n".utf8)
        _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
}
