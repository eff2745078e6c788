import CooperationNetwork
import Foundation
import TestSupport
import XCTest
@testable import ZeroMQ
@testable import Cluster

/// How a running coordinator sees its `--authorized-keys` folder change: the stat
/// fingerprint it checks every second, and the re-read that fails closed on bad files.
final class AuthorizedKeyFolderTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        try XCTSkipUnless(CurveKeyPair.isAvailable, "libzmq without CURVE")
        folder = try Fixtures.temporaryDirectory("authorized-keys")
    }

    override func tearDown() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    @discardableResult
    func writeKey(_ name: String) throws -> CurveKey {
        let key = try CurveKeyPair.generate().publicKey
        try Data((key.z85 + "\n").utf8).write(to: URL(fileURLWithPath: path(name)))
        return key
    }

    func fingerprint() throws -> KeyFolderFingerprint { try XCTUnwrap(KeyFolderFingerprint.take(folder: folder.path)) }

    func testFingerprintChangesWithEveryKeyChangeAndNothingElse() throws {
        try writeKey("wa.pub")
        try writeKey("wb.pub")
        let first = try fingerprint()
        XCTAssertEqual(try fingerprint(), first, "nothing changed")
        try Data("notes".utf8).write(to: URL(fileURLWithPath: path("README")))
        try writeKey(".hidden.pub")
        XCTAssertEqual(try fingerprint(), first, "other files and hidden entries are not keys")

        try FileManager.default.removeItem(atPath: path("wb.pub"))
        let removed = try fingerprint()
        XCTAssertNotEqual(removed, first, "a key removed")
        try writeKey("wc.pub")
        let added = try fingerprint()
        XCTAssertNotEqual(added, removed, "a key added")
        // Same name, same size, new content written through a new file (as editors and `cp` do).
        try writeKey("wc.pub.new")
        try FileManager.default.removeItem(atPath: path("wc.pub"))
        try FileManager.default.moveItem(atPath: path("wc.pub.new"), toPath: path("wc.pub"))
        XCTAssertNotEqual(try fingerprint(), added, "a key replaced under the same name")
        XCTAssertNil(KeyFolderFingerprint.take(folder: path("missing")), "an unlistable folder has no fingerprint")
    }

    /// Kubernetes mounts a Secret as `NAME -> ..data/NAME` and updates it by swapping the
    /// `..data` link: no entry of the folder changes, the files the entries lead to do.
    func testFingerprintSeesASecretUpdateThroughItsDataLink() throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: path("..2026_01"), withIntermediateDirectories: true)
        try manager.createDirectory(atPath: path("..2026_02"), withIntermediateDirectories: true)
        try writeKey("..2026_01/wa.pub")
        try writeKey("..2026_02/wa.pub")
        try manager.createSymbolicLink(atPath: path("..data"), withDestinationPath: "..2026_01")
        try manager.createSymbolicLink(atPath: path("wa.pub"), withDestinationPath: "..data/wa.pub")
        let before = try fingerprint()
        let keysBefore = try AuthorizedKeys.read(folder: folder.path)
        try manager.createSymbolicLink(atPath: path("..data_tmp"), withDestinationPath: "..2026_02")
        XCTAssertEqual(rename(path("..data_tmp"), path("..data")), 0)
        XCTAssertNotEqual(try fingerprint(), before)
        let keysAfter = try AuthorizedKeys.read(folder: folder.path)
        XCTAssertEqual(keysAfter.names.values.sorted(), ["wa"])
        XCTAssertNotEqual(keysAfter, keysBefore, "the same name now holds the new key")
        XCTAssertEqual(keysBefore.names(notIn: keysAfter), ["wa"], "the old key is gone")
        XCTAssertEqual(keysAfter.names(notIn: keysBefore), ["wa"], "the new one is added")
    }

    /// At start any bad file is an error (exit 2); a re-read keeps the good keys, admits
    /// nobody for a bad file and reports it, naming the file.
    func testReReadFailsClosedOnABadFile() throws {
        let good = try writeKey("wa.pub")
        try writeKey("wb.pub")
        try Data("not a key\n".utf8).write(to: URL(fileURLWithPath: path("wb.pub")))
        XCTAssertThrowsError(try AuthorizedKeys.read(folder: folder.path)) { error in
            XCTAssertTrue((error as? InputError)?.issues.contains { $0.file == self.path("wb.pub") } == true, "\(error)")
        }
        let scan = try AuthorizedKeys.scan(folder: folder.path)
        XCTAssertEqual(scan.keys.names, [good: "wa"])
        XCTAssertEqual(scan.problems.issues.map(\.file), [path("wb.pub")])

        try FileManager.default.removeItem(atPath: path("wa.pub"))
        try FileManager.default.removeItem(atPath: path("wb.pub"))
        XCTAssertEqual(try AuthorizedKeys.scan(folder: folder.path).keys.count, 0, "an empty folder admits nobody")
        XCTAssertThrowsError(try AuthorizedKeys.scan(folder: path("missing")), "an unlistable folder is the caller's to keep the old keys")
    }

    /// What a worker counts towards giving up: the server's own answers, not hang-ups a
    /// restarting coordinator also causes (except for a plaintext client: see clientReason).
    func testOnlyTheServersAnswersCountAsRefusals() {
        func event(_ kind: ConnectionEvent.Kind) -> ConnectionEvent {
            ConnectionEvent(kind: kind, value: 0, endpoint: "tcp://x:1", peer: nil)
        }
        XCTAssertTrue(HandshakeWatch.isDefinite(event(.handshakeFailedAuthentication), usesCurve: true))
        XCTAssertTrue(HandshakeWatch.isDefinite(event(.handshakeFailedProtocol), usesCurve: true))
        XCTAssertFalse(HandshakeWatch.isDefinite(event(.handshakeFailed), usesCurve: true))
        XCTAssertTrue(HandshakeWatch.isDefinite(event(.handshakeFailed), usesCurve: false))
        XCTAssertFalse(HandshakeWatch.isDefinite(event(.disconnected), usesCurve: false))
    }
}
