import Foundation

/// Writes a set of output files into a folder, all or nothing as far as a
/// file system allows.
///
/// Every file is first written and fsynced into a hidden staging folder
/// inside the target folder (same file system); only when all succeeded is
/// each renamed into place. A failure while staging leaves the folder as it
/// was. Renames are atomic one by one; a crash between two renames can leave
/// some files new and some old, but never a partial file.
package struct OutputFolder: Sendable {
    package let url: URL

    package init(_ url: URL) { self.url = url }

    /// Writes `files` (names relative to the folder; subfolders allowed, no `..`).
    /// Creates the folder when needed; existing files of the same name are replaced.
    ///
    /// - Throws: `FileWriteError`.
    package func write(_ files: [OutputFile]) throws {
        for file in files { try Self.checkName(file.name) }
        let names = files.map(\.name)
        if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw FileWriteError(path: url.appendingPathComponent(repeated).path, reason: "named twice in one output set")
        }
        try AtomicFile.createFolder(url)
        // nondeterministic-ok: a temporary name unique among concurrent writers
        let staging = url.appendingPathComponent(".staging-\(UUID().uuidString)", isDirectory: true)
        try AtomicFile.createFolder(staging)
        defer { try? FileManager.default.removeItem(at: staging) }
        for file in files {
            let staged = staging.appendingPathComponent(file.name)
            try AtomicFile.createFolder(staged.deletingLastPathComponent())
            try AtomicFile.writeSynced(file.data, to: staged)
        }
        var folders: Set<URL> = []
        for file in files {
            let target = url.appendingPathComponent(file.name)
            try AtomicFile.createFolder(target.deletingLastPathComponent())
            guard rename(staging.appendingPathComponent(file.name).path, target.path) == 0 else {
                throw FileWriteError.system("rename", path: target.path)
            }
            folders.insert(target.deletingLastPathComponent())
        }
        for folder in folders.sorted(by: { $0.path < $1.path }) { AtomicFile.syncFolder(folder) }
    }

    private static func checkName(_ name: String) throws {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.hasPrefix("/"), !parts.isEmpty,
            parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." })
        else {
            throw FileWriteError(path: name, reason: "not a plain relative file name")
        }
    }
}
