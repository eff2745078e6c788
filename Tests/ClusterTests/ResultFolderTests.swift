import Cluster
import Foundation
import TestSupport
import XCTest

/// `ResultFolder.move`: `run` hands its throwaway cluster's files to `--out` by renaming.
final class ResultFolderTests: XCTestCase {
    let files = [OutputFile(name: "a.csv", data: Data("x,y\n1,2\n".utf8)),
                 OutputFile(name: "b.json", data: Data("{}\n".utf8))]

    func testMoveRenamesEveryFileAndReplacesOlderOnes() throws {
        let root = try Fixtures.temporaryDirectory("resultfolder")
        let source = root.appendingPathComponent("job"), out = root.appendingPathComponent("out")
        try ResultFolder.publish(files, as: source)
        try ResultFolder.write([OutputFile(name: "a.csv", data: Data("old\n".utf8)),
                                OutputFile(name: "keep.txt", data: Data("mine\n".utf8))], into: out)
        XCTAssertEqual(try ResultFolder.move(from: source, into: out), 2)
        XCTAssertEqual(try ResultFolder.read(out).map(\.name), ["a.csv", "b.json", "keep.txt"])
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("a.csv")), files[0].data)
        XCTAssertEqual(try ResultFolder.fileNames(in: source), [], "renamed, not copied")
    }

    /// Unsynced publishing (`run`'s throwaway cluster) gives the same folder.
    func testUnsyncedPublishWritesTheSameFiles() throws {
        let root = try Fixtures.temporaryDirectory("resultfolder-unsynced")
        let folder = root.appendingPathComponent("job")
        try ResultFolder.publish(files, as: folder, durable: false)
        XCTAssertEqual(try ResultFolder.read(folder), files)
        try ResultFolder.publish([files[1]], as: folder, durable: false)
        XCTAssertEqual(try ResultFolder.read(folder), [files[1]], "an older folder is replaced whole")
    }

    /// Across file systems rename(2) fails with EXDEV: the files are copied instead.
    func testMoveAcrossFileSystemsCopies() throws {
        let shm = URL(fileURLWithPath: "/dev/shm")
        let root = try Fixtures.temporaryDirectory("resultfolder-xdev")
        let device = { (path: String) in (try? FileManager.default.attributesOfItem(atPath: path)[.systemNumber]) as? Int }
        guard let a = device(shm.path), let b = device(root.path), a != b else {
            throw XCTSkip("no second file system at /dev/shm")
        }
        let source = shm.appendingPathComponent("transborder-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: source) }
        try ResultFolder.publish(files, as: source)
        let out = root.appendingPathComponent("out")
        XCTAssertEqual(try ResultFolder.move(from: source, into: out), 2)
        XCTAssertEqual(try ResultFolder.read(out), files)
    }
}
