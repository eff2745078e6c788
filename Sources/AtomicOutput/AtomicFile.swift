#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
#endif

/// Writes files so that readers see either the old content or the new one,
/// never a part: write to a temporary name in the same folder, fsync, rename
/// over the target, fsync the folder.
package enum AtomicFile {
    /// Writes `data` to `url` atomically. The folder must exist.
    ///
    /// - Throws: `FileWriteError`; the target is then untouched and the temporary file removed.
    package static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        // nondeterministic-ok: a temporary name unique among concurrent writers
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
        try writeSynced(data, to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            let error = FileWriteError.system("rename", path: url.path)
            unlink(temporary.path)
            throw error
        }
        syncFolder(folder)
    }

    /// Creates `url` (which must not exist), writes `data` and fsyncs it.
    package static func writeSynced(_ data: Data, to url: URL) throws {
        try writeNew(data, to: url, sync: true)
    }

    /// Creates `url` (which must not exist) and writes `data`; fsyncs it when `sync`
    /// (files in a throwaway folder are not synced). On failure the file is removed.
    package static func writeNew(_ data: Data, to url: URL, sync: Bool) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileWriteError.system("open", path: url.path) }
        var failure: FileWriteError?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = .system("write", path: url.path)
                    return
                }
                offset += written
            }
        }
        if sync, failure == nil, fsync(descriptor) != 0 { failure = .system("fsync", path: url.path) }
        if close(descriptor) != 0, failure == nil { failure = .system("close", path: url.path) }
        if let failure {
            unlink(url.path)
            throw failure
        }
    }

    /// Creates `folder` and its parents (as `mkdir -p`); a failure names the first folder
    /// that could not be made and the system's reason (`mkdir: No such file or directory`).
    package static func createFolder(_ folder: URL) throws {
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

    /// Makes a rename durable (best effort: some file systems refuse fsync on folders).
    package static func syncFolder(_ folder: URL) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
