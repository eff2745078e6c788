import CooperationNetwork
import Foundation
import TestSupport
import XCTest
@testable import Cluster
import ZeroMQ

/// Key files as `transborder keygen` writes them and as the coordinator, workers and
/// clients read them; endpoint classification for the no-keys refusal.
final class CurveKeyFileTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        try XCTSkipUnless(CurveKeyPair.isAvailable, "libzmq without CURVE")
        folder = try Fixtures.temporaryDirectory("curve-keys")
    }

    override func tearDown() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String, mode: mode_t = 0o600) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
        chmod(path(name), mode)
    }

    func mode(_ name: String) throws -> Int {
        try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path(name))[.posixPermissions] as? Int)
    }

    /// Asserts that `body` throws an InputError naming `file` whose message contains `fragment`.
    func assertInputError(file: String, _ fragment: String, _ body: () throws -> Void, line: UInt = #line) {
        XCTAssertThrowsError(try body(), line: line) { error in
            guard let input = error as? InputError else { return XCTFail("not an InputError: \(error)", line: line) }
            XCTAssertTrue(input.issues.contains { $0.file == file && $0.message.contains(fragment) }, "\(input)", line: line)
        }
    }

    func testCreateWritesSecret0600AndPublicThatReadBack() throws {
        let pair = try CurveKeyPair.generate()
        try CurveKeyFile.create(pair, base: path("worker"))
        XCTAssertEqual(try mode("worker.key"), 0o600)
        XCTAssertEqual(try String(contentsOfFile: path("worker.key"), encoding: .utf8), pair.secretKey.z85 + "\n")
        XCTAssertEqual(try String(contentsOfFile: path("worker.pub"), encoding: .utf8), pair.publicKey.z85 + "\n")
        XCTAssertEqual(try CurveKeyFile.readKeyPair(secretFile: path("worker.key")), pair)
        XCTAssertEqual(try CurveKeyFile.readPublicKey(path("worker.pub")), pair.publicKey)
        // No temporary file is left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["worker.key", "worker.pub"])
    }

    func testSecretIs0600WhateverTheUmask() throws {
        let old = umask(0)
        defer { umask(old) }
        try CurveKeyFile.create(try .generate(), base: path("loose"))
        XCTAssertEqual(try mode("loose.key"), 0o600)
    }

    func testCreateNeverOverwrites() throws {
        try CurveKeyFile.create(try .generate(), base: path("server"))
        let before = try String(contentsOfFile: path("server.key"), encoding: .utf8)
        assertInputError(file: path("server.key"), "already exists") { try CurveKeyFile.create(try .generate(), base: path("server")) }
        XCTAssertEqual(try String(contentsOfFile: path("server.key"), encoding: .utf8), before)
        // A stray .pub alone also blocks the pair, and no .key is left behind.
        try write("other.pub", "x")
        assertInputError(file: path("other.pub"), "already exists") { try CurveKeyFile.create(try .generate(), base: path("other")) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("other.key")))
    }

    func testPublicKeyIsDerivedFromTheSecret() throws {
        let pair = try CurveKeyPair.generate()
        XCTAssertEqual(try CurveKeyPair(secretKey: pair.secretKey), pair)
        try write("alone.key", pair.secretKey.z85)
        XCTAssertEqual(try CurveKeyFile.readKeyPair(secretFile: path("alone.key")).publicKey, pair.publicKey)
    }

    func testMismatchedPublicBesideSecretIsRefused() throws {
        try write("a.key", try CurveKeyPair.generate().secretKey.z85)
        try write("a.pub", try CurveKeyPair.generate().publicKey.z85, mode: 0o644)
        assertInputError(file: path("a.pub"), "does not belong to") { _ = try CurveKeyFile.readKeyPair(secretFile: path("a.key")) }
    }

    func testSecretPermissions() throws {
        let secret = try CurveKeyPair.generate().secretKey.z85
        try write("world.key", secret, mode: 0o644)
        assertInputError(file: path("world.key"), "accessible to every user (mode 0644)") {
            _ = try CurveKeyFile.readKeyPair(secretFile: path("world.key"))
        }
        try write("worldwrite.key", secret, mode: 0o602)
        assertInputError(file: path("worldwrite.key"), "accessible to every user") {
            _ = try CurveKeyFile.readKeyPair(secretFile: path("worldwrite.key"))
        }
        // Kubernetes mounts Secrets root:<fsGroup> 0440: accepted.
        try write("group.key", secret, mode: 0o440)
        XCTAssertNoThrow(try CurveKeyFile.readKeyPair(secretFile: path("group.key")))
        try write("group2.key", secret, mode: 0o640)
        XCTAssertNoThrow(try CurveKeyFile.readKeyPair(secretFile: path("group2.key")))
    }

    func testMalformedKeysNameTheFileAndTheProblem() throws {
        try write("short.pub", "abc\n")
        assertInputError(file: path("short.pub"), "40 Z85 characters, found 3") { _ = try CurveKeyFile.readPublicKey(path("short.pub")) }
        try write("empty.pub", " \n")
        assertInputError(file: path("empty.pub"), "empty") { _ = try CurveKeyFile.readPublicKey(path("empty.pub")) }
        let good = try CurveKeyPair.generate().publicKey.z85
        try write("badchar.pub", String(good.prefix(10)) + "~" + String(good.dropFirst(11)))
        assertInputError(file: path("badchar.pub"), "character 11 ('~') is not in the Z85 alphabet") {
            _ = try CurveKeyFile.readPublicKey(path("badchar.pub"))
        }
        try Data(try CurveKeyPair.generate().publicKey.bytes).write(to: URL(fileURLWithPath: path("raw.pub")))
        XCTAssertThrowsError(try CurveKeyFile.readPublicKey(path("raw.pub")))
        try write("overflow.pub", String(repeating: "#", count: 40))
        assertInputError(file: path("overflow.pub"), "exceeds 2^32") { _ = try CurveKeyFile.readPublicKey(path("overflow.pub")) }
        assertInputError(file: path("missing.pub"), "cannot read") { _ = try CurveKeyFile.readPublicKey(path("missing.pub")) }
        try write("big.pub", String(repeating: "a", count: 5000))
        assertInputError(file: path("big.pub"), "too large") { _ = try CurveKeyFile.readPublicKey(path("big.pub")) }
        // Whitespace around the key is fine (editors add newlines).
        try write("spaced.pub", "  \(good)\r\n\n")
        XCTAssertEqual(try CurveKeyFile.readPublicKey(path("spaced.pub")).z85, good)
    }

    func testSwappedFilesAreRefused() throws {
        try CurveKeyFile.create(try .generate(), base: path("server"))
        assertInputError(file: path("server.key"), "secret key file") { _ = try CurveKeyFile.readPublicKey(path("server.key")) }
        assertInputError(file: path("server.pub"), "public key file") { _ = try CurveKeyFile.readKeyPair(secretFile: path("server.pub")) }
    }

    func testAuthorizedKeysFolder() throws {
        let dir = folder.appendingPathComponent("authorized")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let worker = try CurveKeyPair.generate()
        let client = try CurveKeyPair.generate()
        try Data((worker.publicKey.z85 + "\n").utf8).write(to: dir.appendingPathComponent("worker.pub"))
        try Data(client.publicKey.z85.utf8).write(to: dir.appendingPathComponent("client.pub"))
        try Data("not a key".utf8).write(to: dir.appendingPathComponent("README"))
        // Kubernetes Secret mounts: hidden ..data folders and links beside the files.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("..data"), withIntermediateDirectories: true)
        try Data("junk".utf8).write(to: dir.appendingPathComponent("..data/old.pub"))
        try Data("junk".utf8).write(to: dir.appendingPathComponent(".hidden.pub"))
        let keys = try AuthorizedKeys.read(folder: dir.path)
        XCTAssertEqual(keys.count, 2)
        XCTAssertEqual(keys.name(of: worker.publicKey), "worker")
        XCTAssertEqual(keys.name(of: client.publicKey), "client")
        XCTAssertNil(keys.name(of: try CurveKeyPair.generate().publicKey))

        try Data("broken".utf8).write(to: dir.appendingPathComponent("broken.pub"))
        assertInputError(file: dir.appendingPathComponent("broken.pub").path, "40 Z85 characters") {
            _ = try AuthorizedKeys.read(folder: dir.path)
        }

        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        assertInputError(file: empty.path, "admit nobody") { _ = try AuthorizedKeys.read(folder: empty.path) }
        assertInputError(file: path("nowhere"), "does not exist") { _ = try AuthorizedKeys.read(folder: path("nowhere")) }
    }

    func testEndpointScope() {
        for local in [
            "tcp://127.0.0.1:5555", "tcp://127.0.0.1:*", "tcp://127.1.2.3:9", "tcp://localhost:5555", "tcp://[::1]:5555",
            "ipc:///tmp/x.sock", "inproc://x",
        ] {
            XCTAssertEqual(EndpointScope(endpoint: local), .local, local)
        }
        for network in [
            "tcp://0.0.0.0:5555", "tcp://*:5555", "tcp://10.213.0.1:5555", "tcp://[::]:5555", "tcp://eth0:5555",
            "tcp://coordinator.example:5555", "tcp://128.0.0.1:1", "tcp://127.0.0.1.evil:1", "tcp://1270.0.0.1:1",
            "tcp://127.0.0.1;10.0.0.1:5555", "ws://127.0.0.1:1", "tcp://127.0.0.1",
        ] {
            XCTAssertEqual(EndpointScope(endpoint: network), .network, network)
        }
    }
}
