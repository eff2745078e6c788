import AtomicOutput
import Cluster
import Foundation
import TestSupport
import XCTest

/// Result folders, and `OutputDestination`, which `run` hands its cluster's files to.
final class ResultFolderTests: XCTestCase {
    let files = [
        OutputFile(name: "a.csv", data: Data("x,y\n1,2\n".utf8)),
        OutputFile(name: "b.json", data: Data("{}\n".utf8)),
    ]

    /// Unsynced publishing (`run`'s throwaway cluster) gives the same folder.
    func testUnsyncedPublishWritesTheSameFiles() throws {
        let root = try Fixtures.temporaryDirectory("resultfolder-unsynced")
        let folder = root.appendingPathComponent("job")
        try ResultFolder.publish(files, as: folder, durable: false)
        XCTAssertEqual(try ResultFolder.read(folder), files)
        try ResultFolder.publish([files[1]], as: folder, durable: false)
        XCTAssertEqual(try ResultFolder.read(folder), [files[1]], "an older folder is replaced whole")
    }

    /// A throwaway cluster's files moved into a new --out: renamed, not copied; no staging left.
    func testDestinationTakesAResultFolderByRenaming() throws {
        let root = try Fixtures.temporaryDirectory("destination")
        let source = root.appendingPathComponent("job")
        let out = root.appendingPathComponent("new/out")
        try ResultFolder.publish(files, as: source)
        let destination = try OutputDestination.reserve(out, replacing: false)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.path), "reserved before any work")
        XCTAssertEqual(try destination.commit(movingFrom: source), 2)
        XCTAssertEqual(try ResultFolder.read(out), files)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(), ["a.csv", "b.json"])
        XCTAssertEqual(try ResultFolder.fileNames(in: source), [], "renamed, not copied")
    }

    /// Across file systems rename(2) fails with EXDEV: the files are copied instead.
    func testDestinationCopiesAcrossFileSystems() throws {
        let shm = URL(fileURLWithPath: "/dev/shm")
        let root = try Fixtures.temporaryDirectory("destination-xdev")
        let device = { (path: String) in (try? FileManager.default.attributesOfItem(atPath: path)[.systemNumber]) as? Int }
        guard let a = device(shm.path), let b = device(root.path), a != b else {
            throw XCTSkip("no second file system at /dev/shm")
        }
        let source = shm.appendingPathComponent("transborder-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: source) }
        try ResultFolder.publish(files, as: source)
        let out = root.appendingPathComponent("out")
        XCTAssertEqual(try OutputDestination.reserve(out, replacing: false).commit(movingFrom: source), 2)
        XCTAssertEqual(try ResultFolder.read(out), files)
    }

    /// Replacing swaps the whole folder: stale files go, the folder's identity (inode) changes,
    /// nothing is left beside it; a folder without manifest.json, a file or an occupied folder
    /// without `replacing` are refused before anything is created.
    func testReplacingSwapsTheWholeFolderAndRefusalsTouchNothing() throws {
        let root = try Fixtures.temporaryDirectory("destination-replace")
        let out = root.appendingPathComponent("out")
        try ResultFolder.write(
            [
                OutputFile(name: "manifest.json", data: Data("{}\n".utf8)),
                OutputFile(name: "stale.csv", data: Data("old\n".utf8)),
            ], into: out)
        XCTAssertThrowsError(try OutputDestination.reserve(out, replacing: false)) { error in
            XCTAssertEqual(error as? OutputDestinationError, .notEmpty(path: out.path, entries: 2))
        }
        let inode = { (try? FileManager.default.attributesOfItem(atPath: out.path)[.systemFileNumber]) as? Int }
        let before = inode()
        let destination = try OutputDestination.reserve(out, replacing: true)
        XCTAssertTrue(destination.replaces)
        try destination.commit(files)
        XCTAssertEqual(try ResultFolder.read(out), files)
        XCTAssertNotEqual(inode(), before, "a new folder took the old one's place")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["out"])

        let other = root.appendingPathComponent("other")
        try ResultFolder.write([OutputFile(name: "notes.txt", data: Data("mine\n".utf8))], into: other)
        XCTAssertThrowsError(try OutputDestination.reserve(other, replacing: true)) { error in
            XCTAssertEqual(error as? OutputDestinationError, .notARun(path: other.path, entries: 1))
        }
        let file = root.appendingPathComponent("afile")
        try Data("x".utf8).write(to: file)
        XCTAssertThrowsError(try OutputDestination.reserve(file, replacing: true)) { error in
            XCTAssertEqual(error as? OutputDestinationError, .notAFolder(path: file.path))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted(), ["afile", "other", "out"])
    }

    /// Abandoning removes the staging folder and the folder `reserve` created; a staging
    /// folder left by a killed run neither blocks the next one nor stays.
    func testAbandonLeavesNothingAndAKilledRunsStagingIsCleared() throws {
        let root = try Fixtures.temporaryDirectory("destination-abandon")
        let out = root.appendingPathComponent("out")
        try OutputDestination.reserve(out, replacing: false).abandon()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), [])
        let killed = try OutputDestination.reserve(out, replacing: false)  // never committed nor abandoned
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [killed.staging.lastPathComponent])
        let next = try OutputDestination.reserve(out, replacing: false)
        XCTAssertFalse(next.replaces)
        try next.commit(files)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(), ["a.csv", "b.json"])
    }
}
