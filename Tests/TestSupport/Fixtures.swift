import Foundation

/// Locates committed fixtures and the built `transborder` binary for tests.
public enum Fixtures {
    /// The repository root (three levels above this file: Tests/TestSupport/Fixtures.swift).
    public static let repositoryRoot: URL = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    /// `Tests/Fixtures/<name>`.
    public static func url(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(name)
    }

    /// Reads and JSON-decodes a committed fixture.
    public static func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: url(name)))
    }

    /// Parses a committed fixture as loose JSON (dictionaries/arrays/numbers).
    public static func json(_ name: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url(name)))
    }

    /// The `transborder` executable built next to the test bundle.
    public static var binary: URL {
        if let override = ProcessInfo.processInfo.environment["TRANSBORDER_BIN"] {
            return URL(fileURLWithPath: override)
        }
        let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }
        let dir =
            bundle.map { URL(fileURLWithPath: $0.bundlePath).deletingLastPathComponent() }
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return dir.appendingPathComponent("transborder")
    }

    /// coreutils' `sha256sum` of `data` (lowercase hex): an implementation independent of
    /// the product's, for the hash tests.
    public static func sha256sum(_ data: Data) throws -> String {
        let file = try temporaryDirectory("sha256sum").appendingPathComponent("bytes")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        try data.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(output.prefix(64))
    }

    /// A fresh temporary directory.
    public static func temporaryDirectory(_ label: String = "tb") throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// The result of running a child process.
public struct ProcessOutput: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the built `transborder` with arguments, capturing output.
@discardableResult
public func runTransborder(_ arguments: [String], stdin: String? = nil, cwd: URL? = nil) throws -> ProcessOutput {
    try runProgram(Fixtures.binary, arguments, stdin: stdin, cwd: cwd)
}

/// Runs a built program (e.g. `build-default-job`, beside `transborder`) with arguments, capturing output.
@discardableResult
public func runProgram(_ executable: URL, _ arguments: [String], stdin: String? = nil, cwd: URL? = nil) throws -> ProcessOutput {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let cwd { process.currentDirectoryURL = cwd }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try? input.fileHandleForWriting.close()
    // Read both pipes concurrently to avoid a full-pipe deadlock.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessOutput(
        status: process.terminationStatus,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}
