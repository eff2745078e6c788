import AtomicOutput
import Foundation

/// A job's result folder: published whole by the coordinator, read back for FETCH,
/// written into a user's folder by clients (`run` moves it into `--out` with
/// `OutputDestination`). Readers never see half a file or half a set (file writing
/// itself is `AtomicOutput`'s).
package enum ResultFolder {
    /// Publishes `files` as the folder `destination`: writes them into a temporary
    /// sibling folder, then renames it into place (replacing an older one).
    ///
    /// - Parameter durable: each file and the folders are synced to disk (a coordinator's
    ///   results outlive it); `run`'s throwaway cluster, whose folder is moved into
    ///   `--out` and deleted, skips the syncs.
    package static func publish(_ files: [OutputFile], as destination: URL, durable: Bool = true) throws {
        let fm = FileManager.default
        let parent = destination.deletingLastPathComponent()
        try AtomicFile.createFolder(parent)
        // nondeterministic-ok: a temporary name unique among concurrent writers
        let temporary = parent.appendingPathComponent(
            ".\(destination.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try? fm.removeItem(at: temporary)
        try fm.createDirectory(at: temporary, withIntermediateDirectories: false)
        do {
            for file in files {
                try checkName(file.name)
                try AtomicFile.writeNew(file.data, to: temporary.appendingPathComponent(file.name), sync: durable)
            }
            if durable { AtomicFile.syncFolder(temporary) }
            if fm.fileExists(atPath: destination.path) {
                try fm.removeItem(at: destination)
            }
            try fm.moveItem(at: temporary, to: destination)
            if durable { AtomicFile.syncFolder(parent) }
        } catch {
            try? fm.removeItem(at: temporary)
            throw error
        }
    }

    /// Writes `files` into `folder` (created if needed), all or nothing: staged and
    /// synced, then each renamed over its final name (`OutputFolder`).
    package static func write(_ files: [OutputFile], into folder: URL) throws {
        for file in files { try checkName(file.name) }
        try OutputFolder(folder).write(files)
    }

    /// Reads every regular file of a result folder, sorted by name.
    package static func read(_ folder: URL) throws -> [OutputFile] {
        try fileNames(in: folder).map { OutputFile(name: $0, data: try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    /// Names of the published files of a folder, sorted (hidden temporaries excluded).
    package static func fileNames(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { !$0.hasPrefix(".") }
            .sorted()
    }

    /// A bare file name: no folders, no dot-files.
    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.hasPrefix(".") && name.utf8.count <= 255 && !name.contains("\0")
    }

    private static func checkName(_ name: String) throws {
        guard isSafeName(name) else { throw FileWriteError(path: name, reason: "not a bare file name") }
    }
}
