#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// The folder a run's results go into, checked and reserved before any work starts, so
/// that a bad `--out` costs nothing and a finished run is never lost for want of a folder.
///
/// `reserve` refuses a path that is not a folder and a folder that is not empty (unless
/// `replacing`), creates the folder and a hidden staging folder that proves it writable.
/// The results are written (or moved) into the staging folder; `commit` then publishes
/// them: into the empty folder file by file (rename), or, when replacing, by swapping the
/// whole staged folder with the old one (`renameat2(RENAME_EXCHANGE)`, else two renames)
/// and deleting the old one — readers see the old set or the new, never a mix.
/// `abandon` removes the staging folder and a folder that `reserve` created.
package struct OutputDestination: Sendable {
    /// The folder as the user named it.
    package let url: URL
    /// Where the results are gathered before `commit` (hidden: inside `url`, or beside it when replacing).
    package let staging: URL
    /// Whether `commit` replaces a non-empty folder as a whole.
    package let replaces: Bool
    /// Whether `reserve` created `url` (so `abandon` removes it again).
    let created: Bool

    /// Name prefix of the staging folder inside `url`.
    static let stagingPrefix = ".staging-"

    /// The file `replacing` requires in a non-empty folder: only a previous run's outputs
    /// are replaced, never a folder of someone's other files.
    package static let runMarker = "manifest.json"

    /// Checks `url` and reserves it: see the type's documentation.
    ///
    /// - Parameter replacing: replace a non-empty folder that holds a previous run's
    ///   outputs (`runMarker`), as `--force` asks.
    /// - Throws: `OutputDestinationError` (the user's choice of folder; exit 2) or
    ///   `FileWriteError` (the system refused; exit 1).
    package static func reserve(_ url: URL, replacing: Bool) throws -> OutputDestination {
        let fm = FileManager.default
        let path = url.path
        var isFolder: ObjCBool = false
        let exists = fm.fileExists(atPath: path, isDirectory: &isFolder)
        if exists && !isFolder.boolValue { throw OutputDestinationError.notAFolder(path: path) }
        var entries = exists ? ((try? fm.contentsOfDirectory(atPath: path)) ?? []) : []
        // Staging folders of an earlier run that was killed are ours: removed, not counted.
        for stale in entries where stale.hasPrefix(stagingPrefix) {
            try? fm.removeItem(at: url.appendingPathComponent(stale))
        }
        entries.removeAll { $0.hasPrefix(stagingPrefix) }
        let occupied = !entries.isEmpty
        if occupied {
            guard replacing else { throw OutputDestinationError.notEmpty(path: path, entries: entries.count) }
            guard entries.contains(runMarker) else {
                throw OutputDestinationError.notARun(path: path, entries: entries.count)
            }
        }
        try AtomicFile.createFolder(url)
        let staging: URL
        if occupied {
            let folder = url.standardizedFileURL
            staging = folder.deletingLastPathComponent()
                // nondeterministic-ok: a temporary name unique among concurrent writers
                .appendingPathComponent(".\(folder.lastPathComponent).staging-\(UUID().uuidString)", isDirectory: true)
        } else {
            // nondeterministic-ok: a temporary name unique among concurrent writers
            staging = url.appendingPathComponent(stagingPrefix + UUID().uuidString, isDirectory: true)
        }
        guard mkdir(staging.path, 0o755) == 0 else {
            let error = FileWriteError.system("mkdir", path: staging.path)
            if !exists { rmdir(path) }
            throw error
        }
        return OutputDestination(url: url, staging: staging, replaces: occupied, created: !exists)
    }

    /// Writes `files` (bare names) into the staging folder, then publishes them (`commitStaged`).
    package func commit(_ files: [OutputFile]) throws {
        for file in files {
            try Self.checkName(file.name)
            try AtomicFile.writeNew(file.data, to: staging.appendingPathComponent(file.name), sync: true)
        }
        try commitStaged()
    }

    /// Moves every visible file of `source` into the staging folder (renamed; copied across
    /// file systems), then publishes them. Returns the number of files.
    @discardableResult
    package func commit(movingFrom source: URL) throws -> Int {
        let names = try FileManager.default.contentsOfDirectory(atPath: source.path).filter { !$0.hasPrefix(".") }.sorted()
        for name in names {
            try Self.checkName(name)
            let from = source.appendingPathComponent(name)
            let to = staging.appendingPathComponent(name)
            if rename(from.path, to.path) == 0 { continue }
            guard errno == EXDEV else { throw FileWriteError.system("rename", path: to.path) }
            let data: Data
            do { data = try Data(contentsOf: from) } catch {
                throw FileWriteError(path: from.path, reason: "cannot read: \(error.localizedDescription)")
            }
            try AtomicFile.writeNew(data, to: to, sync: true)
        }
        try commitStaged()
        return names.count
    }

    /// Publishes what the staging folder holds (see the type's documentation).
    package func commitStaged() throws {
        if replaces {
            let old = staging.deletingLastPathComponent()
                // nondeterministic-ok: a temporary name unique among concurrent writers
                .appendingPathComponent(".\(url.standardizedFileURL.lastPathComponent).old-\(UUID().uuidString)")
            if !Self.exchange(staging.path, url.path) {
                guard rename(url.path, old.path) == 0 else { throw FileWriteError.system("rename", path: url.path) }
                guard rename(staging.path, url.path) == 0 else {
                    let error = FileWriteError.system("rename", path: url.path)
                    _ = rename(old.path, url.path)
                    throw error
                }
                try? FileManager.default.removeItem(at: old)
            } else {
                // After the exchange the staging name holds the old folder.
                try? FileManager.default.removeItem(at: staging)
            }
            AtomicFile.syncFolder(url)
            AtomicFile.syncFolder(url.standardizedFileURL.deletingLastPathComponent())
            return
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: staging.path).sorted()
        for name in names {
            let target = url.appendingPathComponent(name)
            guard rename(staging.appendingPathComponent(name).path, target.path) == 0 else {
                throw FileWriteError.system("rename", path: target.path)
            }
        }
        rmdir(staging.path)
        AtomicFile.syncFolder(url)
    }

    /// Removes the staging folder, and the folder itself when `reserve` created it and it is empty.
    package func abandon() {
        try? FileManager.default.removeItem(at: staging)
        if created { rmdir(url.path) }
    }

    /// Swaps two paths atomically (Linux `renameat2` with `RENAME_EXCHANGE`, looked up in
    /// the C library, which Swift's Glibc module does not export); false where the system
    /// or the file system cannot.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
            typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
            guard let symbol = dlsym(nil, "renameat2") else { return false }
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            let exchange: UInt32 = 2  // RENAME_EXCHANGE
            return renameat2(AT_FDCWD, a, AT_FDCWD, b, exchange) == 0
        #else
            return false
        #endif
    }

    private static func checkName(_ name: String) throws {
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix("."), !name.contains("\0") else {
            throw FileWriteError(path: name, reason: "not a bare file name")
        }
    }
}

/// `--out` names something a run must not write into. The user's choice, not the
/// system's: the CLI exits with status 2.
package enum OutputDestinationError: Error, Sendable, CustomStringConvertible, Equatable {
    case notAFolder(path: String)
    case notEmpty(path: String, entries: Int)
    case notARun(path: String, entries: Int)

    package var description: String {
        switch self {
        case .notAFolder(let path):
            "\(path): exists and is not a folder; --out names the folder the results go into"
        case .notEmpty(let path, let entries):
            "\(path): folder is not empty (\(entries) \(entries == 1 ? "entry" : "entries")); "
                + "choose a new folder, or add --force to replace a previous run's outputs"
        case .notARun(let path, let entries):
            "\(path): not replaced: it holds \(entries) \(entries == 1 ? "entry" : "entries") but no "
                + "\(OutputDestination.runMarker), so it is not a previous run's output folder; remove it yourself "
                + "or choose another folder"
        }
    }
}
