import Foundation
import XCTest
import ZeroMQ

/// A test case with real `transborder` processes (`harness`) and CURVE key files made
/// by `transborder keygen` (`keys`); skipped where libzmq lacks CURVE.
class CurveProcessTestCase: XCTestCase {
    var harness: ClusterHarness!
    var keys: CurveTestKeys!

    override func setUpWithError() throws {
        try XCTSkipUnless(CurveKeyPair.isAvailable, "libzmq without CURVE")
        harness = try ClusterHarness()
        keys = try CurveTestKeys(in: harness.directory)
    }

    override func tearDown() {
        harness?.stopAll()
    }

    func key(_ name: String) -> String { keys.path(name) }

    @discardableResult
    func keygen(_ name: String, authorize: Bool = false) throws -> String { try keys.keygen(name, authorize: authorize) }

    func security(_ name: String) -> [String] { keys.security(name) }
}
