import Foundation
import TestSupport
import XCTest

/// Key files for the CURVE process tests, made by `transborder keygen` in `folder`, with
/// `folder/authorized` as the coordinator's `--authorized-keys`.
struct CurveTestKeys {
    let folder: URL

    /// Creates `<directory>/keys/authorized`.
    init(in directory: URL) throws {
        folder = directory.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("authorized"), withIntermediateDirectories: true)
    }

    /// The path of `name` (e.g. `worker.key`, `authorized/worker.pub`) in the folder.
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// `transborder keygen --out keys/NAME`, optionally copied into `authorized/`;
    /// returns the public key it printed (Z85).
    @discardableResult
    func keygen(_ name: String, authorize: Bool = false) throws -> String {
        let out = try runTransborder(["keygen", "--out", path(name)])
        XCTAssertEqual(out.status, 0, out.stderr)
        if authorize { try self.authorize(name) }
        return out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Copies `NAME.pub` into `authorized/`.
    func authorize(_ name: String) throws {
        try FileManager.default.copyItem(atPath: path("\(name).pub"), toPath: path("authorized/\(name).pub"))
    }

    /// Removes `authorized/NAME.pub`.
    func revoke(_ name: String) throws {
        try FileManager.default.removeItem(atPath: path("authorized/\(name).pub"))
    }

    /// A worker's or client's options with NAME's key and the server's public key.
    func security(_ name: String) -> [String] {
        ["--curve-secret", path("\(name).key"), "--server-key", path("server.pub")]
    }

    /// The coordinator's options: `server.key` and the authorized folder.
    var coordinatorSecurity: [String] {
        ["--curve-secret", path("server.key"), "--authorized-keys", path("authorized")]
    }
}
