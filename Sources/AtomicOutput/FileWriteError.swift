import Foundation

/// A file could not be written (disk full, permissions, a missing folder).
///
/// Not an `InputError`: the input was fine, the environment is not. The CLI
/// reports it and exits with status 1.
package struct FileWriteError: Error, Sendable, CustomStringConvertible {
    package var path: String
    package var reason: String

    package init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// An error for the failing system call, from `errno`.
    package static func system(_ call: String, path: String) -> FileWriteError {
        FileWriteError(path: path, reason: "\(call): \(String(cString: strerror(errno)))")
    }

    package var description: String { "cannot write \(path): \(reason)" }
}
