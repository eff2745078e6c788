import CooperationNetwork
import Foundation
import ZeroMQ

/// The public keys a coordinator admits: every `*.pub` file of a folder, named after
/// the file (`worker.pub` → "worker"; the name is the peer's ZAP user id in the logs).
///
/// Hidden entries are skipped, which also skips Kubernetes' `..data` links in a mounted
/// Secret. An empty folder is an error: such a coordinator would admit nobody.
package struct AuthorizedKeys: Sendable, Hashable {
    /// Key → name of the file it came from (the first file, when two hold the same key).
    package private(set) var names: [CurveKey: String]

    package init(_ names: [CurveKey: String]) {
        self.names = names
    }

    /// Reads every `*.pub` in `folder`; collects every bad file into one `InputError`.
    /// What a coordinator starts with: any bad file, or none at all, is an error.
    package static func read(folder: String) throws -> AuthorizedKeys {
        let scan = try scan(folder: folder)
        try scan.problems.throwIfAny()
        guard !scan.keys.names.isEmpty else {
            throw InputError(
                file: folder, "no .pub file: the coordinator would admit nobody (copy the workers' and clients' NAME.pub here)")
        }
        return scan.keys
    }

    /// Every good `*.pub` in `folder` and the problems of the others: what a running
    /// coordinator re-reads (a bad or unreadable file admits nobody: it fails closed).
    /// Throws only when the folder itself cannot be listed.
    package static func scan(folder: String) throws -> (keys: AuthorizedKeys, problems: InputError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputError(
                file: folder, "authorized-keys folder does not exist (it should hold the .pub files of the workers and clients to admit)")
        }
        let entries: [String]
        do { entries = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw InputError(file: folder, "cannot list: \(error.localizedDescription)")
        }
        var names: [CurveKey: String] = [:]
        var problems = InputError()
        for entry in entries.sorted() where isKeyFile(entry) {
            let path = (folder as NSString).appendingPathComponent(entry)
            do {
                let key = try CurveKeyFile.readPublicKey(path)
                if names[key] == nil { names[key] = String(entry.dropLast(4)) }
            } catch let error as InputError {
                problems.append(contentsOf: error)
            }
        }
        return (AuthorizedKeys(names), problems)
    }

    /// Whether a folder entry is one of the keys: `*.pub`, not hidden.
    static func isKeyFile(_ entry: String) -> Bool { entry.hasSuffix(".pub") && !entry.hasPrefix(".") }

    /// The name a key is listed under, or nil when it is not authorized.
    package func name(of key: CurveKey) -> String? { names[key] }

    package var count: Int { names.count }

    /// The names of the keys `self` has and `other` lacks, sorted.
    package func names(notIn other: AuthorizedKeys) -> [String] {
        names.filter { other.names[$0.key] == nil }.map(\.value).sorted()
    }
}
