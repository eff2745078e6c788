import Foundation
import TestSupport
import XCTest

/// manifest.json's input hashes are the job's identity across runs and tools: pinned
/// here to the values the previous, hand-written SHA-256 gave, so a change of hash
/// implementation (now swift-crypto's) cannot silently re-key every job. The bundle hash
/// is pinned to the TBJ2 bundle (protocol 3, little-endian lengths; the TBJ1 bundle of
/// protocol 2 hashed to ce2d083f…): the input hashes did not change with it.
final class ManifestHashTests: XCTestCase {
    func testInputHashesOfACommittedJobArePinned() throws {
        let job = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/inputs/good")
        let out = try Fixtures.temporaryDirectory("hashes").appendingPathComponent("out")
        let result = try runTransborder(["run", job.path, "--workers", "0", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let manifest = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any])
        XCTAssertEqual(manifest["spec_sha256"] as? String, "dd644413625614f0a5c098a6a0b5cdf347055a4c2280bb65d0055de015645f27")
        XCTAssertEqual(manifest["data_sha256"] as? String, "9d0c274d7cec9bc09315759f9d6f66d6aaa36d62365ddf3e9254c1a4bc17ccf3")
        XCTAssertEqual(manifest["bundle_sha256"] as? String, "e6b6d03c1e0aca3768eb58039694d5774d6b61905fc9d3d7e9edec08b8b97827")

        // And independently of any pin: the spec hash is coreutils' sha256sum of job.yaml,
        // the data hash sha256sum of places.csv and links.csv each after its length
        // (8 bytes, big-endian).
        XCTAssertEqual(manifest["spec_sha256"] as? String, try Fixtures.sha256sum(Data(contentsOf: job.appendingPathComponent("job.yaml"))))
        var framed = Data()
        for name in ["places.csv", "links.csv"] {
            let bytes = try Data(contentsOf: job.appendingPathComponent(name))
            withUnsafeBytes(of: UInt64(bytes.count).bigEndian) { framed.append(contentsOf: $0) }
            framed.append(bytes)
        }
        XCTAssertEqual(manifest["data_sha256"] as? String, try Fixtures.sha256sum(framed))
        // The bundle hash: sha256sum of docs/PROTOCOL.md's canonical bundle, "TBJ2" then the
        // kind, job.yaml, places.csv and links.csv, each after its length (4 bytes, little-endian).
        var bundle = Data("TBJ2".utf8)
        let files = try ["job.yaml", "places.csv", "links.csv"].map { try Data(contentsOf: job.appendingPathComponent($0)) }
        for field in [Data("analysis".utf8)] + files {
            withUnsafeBytes(of: UInt32(field.count).littleEndian) { bundle.append(contentsOf: $0) }
            bundle.append(field)
        }
        XCTAssertEqual(manifest["bundle_sha256"] as? String, try Fixtures.sha256sum(bundle))
    }
}
