import Foundation

/// A file could not be written (disk full, permissions, a missing folder).
///
/// Not an `InputError`: the input was fine, the environment is not. The CLI
/// reports it and exits with status 1.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// An error for the failing system call, from `errno`.
    public static func system(_ call: String, path: String) -> FileWriteError {
        FileWriteError(path: path, reason: "\(call): \(String(cString: strerror(errno)))")
    }

    /// Creates `folder` and its parents (as `mkdir -p`); a failure names the first folder
    /// that could not be made and the system's reason (`mkdir: No such file or directory`).
    public static func createFolder(_ folder: URL) throws {
        var path = ""
        for part in folder.standardizedFileURL.path.split(separator: "/") {
            path += "/" + part
            if mkdir(path, 0o755) == 0 || errno == EEXIST { continue }
            throw FileWriteError.system("mkdir", path: path)
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw FileWriteError(path: folder.path, reason: "exists and is not a folder")
        }
    }

    public var description: String { "cannot write \(path): \(reason)" }
}
