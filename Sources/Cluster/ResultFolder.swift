import Foundation
#if canImport(Glibc)
import Glibc
private let posixWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let posixWrite = Darwin.write
#endif

/// Writes output files so that readers never see half a file or half a set.
public enum ResultFolder {
    /// Publishes `files` as the folder `destination`: writes them into a temporary
    /// sibling folder, then renames it into place (replacing an older one).
    ///
    /// - Parameter durable: each file is synced to disk before the rename (a coordinator's
    ///   results outlive it); `run`'s throwaway cluster, whose folder is moved into
    ///   `--out` and deleted, skips the syncs.
    public static func publish(_ files: [OutputFile], as destination: URL, durable: Bool = true) throws {
        let fm = FileManager.default
        let parent = destination.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let temporary = parent.appendingPathComponent(".\(destination.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try? fm.removeItem(at: temporary)
        try fm.createDirectory(at: temporary, withIntermediateDirectories: false)
        do {
            for file in files {
                try checkName(file.name)
                let url = temporary.appendingPathComponent(file.name)
                if durable {
                    try file.data.write(to: url)  // Foundation syncs the file before closing it
                } else {
                    try writeUnsynced(file.data, to: url)
                }
            }
            if fm.fileExists(atPath: destination.path) {
                try fm.removeItem(at: destination)
            }
            try fm.moveItem(at: temporary, to: destination)
        } catch {
            try? fm.removeItem(at: temporary)
            throw error
        }
    }

    /// Writes each file into `folder` (created if needed) under a temporary name, then
    /// renames it over the final name.
    public static func write(_ files: [OutputFile], into folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in files {
            try checkName(file.name)
            let final = folder.appendingPathComponent(file.name)
            let temporary = folder.appendingPathComponent(".\(file.name).tmp-\(getpid())")
            try file.data.write(to: temporary)
            if rename(temporary.path, final.path) != 0 {
                try? FileManager.default.removeItem(at: temporary)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final.path])
            }
        }
    }

    /// Moves every published file of `source` into `folder` (created if needed), each
    /// renamed over its final name; when the two are on different file systems, each
    /// is copied as `write(_:into:)` does. Returns the number of files.
    ///
    /// `run` uses it for its throwaway cluster's result folder: renaming is atomic like
    /// writing to a temporary name, without reading and writing every byte again.
    @discardableResult
    public static func move(from source: URL, into folder: URL) throws -> Int {
        let names = try fileNames(in: source)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in names {
            try checkName(name)
            let from = source.appendingPathComponent(name), to = folder.appendingPathComponent(name)
            if rename(from.path, to.path) == 0 { continue }
            guard errno == EXDEV else { throw posixError(errno, to) }
            try write([OutputFile(name: name, data: try Data(contentsOf: from))], into: folder)
        }
        return names.count
    }

    /// Writes `data` to a new file with plain write(2) calls and no fsync.
    private static func writeUnsynced(_ data: Data, to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw posixError(errno, url) }
        defer { close(fd) }
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
            var offset = 0
            while offset < raw.count {
                let n = posixWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw posixError(errno, url)
                }
                offset += n
            }
        }
    }

    private static func posixError(_ code: Int32, _ url: URL) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path,
                                                 NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)])
    }

    /// Reads every regular file of a result folder, sorted by name.
    public static func read(_ folder: URL) throws -> [OutputFile] {
        try fileNames(in: folder).map { OutputFile(name: $0, data: try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    /// Names of the published files of a folder, sorted (hidden temporaries excluded).
    public static func fileNames(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { !$0.hasPrefix(".") }
            .sorted()
    }

    /// A bare file name: no folders, no dot-files.
    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.hasPrefix(".") && name.utf8.count <= 255 && !name.contains("\0")
    }

    private static func checkName(_ name: String) throws {
        guard isSafeName(name) else { throw CocoaError(.fileWriteInvalidFileName, userInfo: [NSFilePathErrorKey: name]) }
    }
}
