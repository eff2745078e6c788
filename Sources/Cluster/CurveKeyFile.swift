import CooperationNetwork
import Foundation
import ZeroMQ

/// CURVE key files: one key as 40 characters of Z85 text (a trailing newline is fine),
/// written by `transborder keygen --out NAME` as `NAME.key` (secret) and `NAME.pub`.
///
/// Reading validates the text and says what is wrong with which file (`InputError`,
/// exit status 2 in the CLI). A secret key file must not be readable or writable by
/// other users (mode `o-rwx`); group-readable is accepted because Kubernetes mounts
/// Secrets as `root:<fsGroup>` 0440.
package enum CurveKeyFile {
    /// The Z85 alphabet (ZeroMQ RFC 32).
    static let alphabet = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".utf8)
    /// Larger files are not key files (guards against pointing at a data file).
    static let maximumBytes = 4096

    /// Reads a public key file (e.g. the server's `server.pub` or one of the authorized keys).
    package static func readPublicKey(_ path: String) throws -> CurveKey {
        if path.hasSuffix(".key") {
            throw InputError(file: path, "this is a secret key file; give the public key (.pub) here — a secret key never leaves its owner")
        }
        return try parse(try contents(path), file: path)
    }

    /// Reads a secret key file and derives its public key (`zmq_curve_public`). When a
    /// `.pub` file with the same base name lies beside it, it must hold that public key.
    package static func readKeyPair(secretFile path: String) throws -> CurveKeyPair {
        if path.hasSuffix(".pub") {
            throw InputError(file: path, "this is a public key file; give the secret key (.key) here")
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw InputError(file: path, "cannot read: \(String(cString: strerror(errno)))") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw InputError(file: path, "not a regular file") }
        if info.st_mode & (S_IROTH | S_IWOTH) != 0 {
            let mode = String(info.st_mode & 0o777, radix: 8)
            throw InputError(
                file: path,
                "secret key is accessible to every user (mode 0\(mode)); run chmod o-rwx (0600, or 0440 for a group) and replace the key if others may have read it"
            )
        }
        let secret = try parse(try contents(path), file: path)
        let pair: CurveKeyPair
        do { pair = try CurveKeyPair(secretKey: secret) } catch {
            throw InputError(file: path, "cannot derive the public key: \(error) (libzmq without CURVE?)")
        }
        let sibling = String(path.dropLast(path.hasSuffix(".key") ? 4 : 0)) + ".pub"
        if path.hasSuffix(".key"), FileManager.default.fileExists(atPath: sibling) {
            let published = try readPublicKey(sibling)
            guard published == pair.publicKey else {
                throw InputError(file: sibling, "does not belong to \(path): its secret key gives \(pair.publicKey.z85)")
            }
        }
        return pair
    }

    /// Writes `NAME.key` (secret, mode 0600) and `NAME.pub` (public, 0644 less the umask)
    /// without ever replacing an existing file: each is written to a temporary file
    /// created exclusively with its final mode, then hard-linked to its name (which fails
    /// if the name exists). The secret key is never readable by others, not even briefly.
    package static func create(_ pair: CurveKeyPair, base: String) throws {
        let secretPath = base + ".key"
        let publicPath = base + ".pub"
        let folder = (base as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
            throw InputError(file: folder, "folder does not exist")
        }
        for path in [secretPath, publicPath] where FileManager.default.fileExists(atPath: path) {
            throw InputError(file: path, "already exists; refusing to overwrite a key (remove it first)")
        }
        let secretTemp = try writeTemporary(pair.secretKey.z85 + "\n", beside: secretPath, mode: 0o600)
        defer { unlink(secretTemp) }
        let publicTemp = try writeTemporary(pair.publicKey.z85 + "\n", beside: publicPath, mode: 0o644)
        defer { unlink(publicTemp) }
        guard link(secretTemp, secretPath) == 0 else { throw linkError(secretPath) }
        guard link(publicTemp, publicPath) == 0 else {
            let error = linkError(publicPath)
            unlink(secretPath)
            throw error
        }
    }

    // MARK: helpers

    static func contents(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError(file: path, "cannot read: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1024)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(file: path, "cannot read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            bytes += buffer.prefix(n)
            if bytes.count > maximumBytes { throw InputError(file: path, "too large for a key file (a key is 40 characters of Z85 text)") }
        }
        return bytes
    }

    /// Validates Z85 key text; whitespace around the 40 characters is ignored.
    static func parse(_ bytes: [UInt8], file: String) throws -> CurveKey {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let start = bytes.firstIndex { !isSpace($0) } ?? bytes.endIndex
        let end = (bytes.lastIndex { !isSpace($0) }).map { $0 + 1 } ?? start
        let text = Array(bytes[start..<end])
        guard !text.isEmpty else {
            throw InputError(file: file, "empty; expected a CURVE key (40 characters of Z85 text, from transborder keygen)")
        }
        if text.count != 40 {
            let hint = bytes.count == 32 ? " (this looks like a raw 32-byte key; store it as Z85 text)" : ""
            throw InputError(file: file, "expected a CURVE key of 40 Z85 characters, found \(text.count) characters\(hint)")
        }
        if let bad = text.firstIndex(where: { !alphabet.contains($0) }) {
            let shown =
                text[bad] >= 0x21 && text[bad] < 0x7F
                ? "'\(Character(Unicode.Scalar(text[bad])))'" : "byte 0x\(String(text[bad], radix: 16))"
            throw InputError(file: file, "character \(bad + 1) (\(shown)) is not in the Z85 alphabet")
        }
        guard let key = CurveKey(z85: String(decoding: text, as: UTF8.self)) else {
            throw InputError(file: file, "not a valid Z85 key (a 5-character group exceeds 2^32)")
        }
        return key
    }

    private static func writeTemporary(_ text: String, beside path: String, mode: mode_t) throws -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        // nondeterministic-ok: a temporary name unique among concurrent writers
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
        guard fd >= 0 else { throw InputError(file: path, "cannot create: \(String(cString: strerror(errno)))") }
        // open() already applied the umask, which can only remove bits; the secret key gets exactly 0600.
        var ok = mode != 0o600 || fchmod(fd, 0o600) == 0
        let bytes = Array(text.utf8)
        ok = ok && bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count
        ok = ok && fsync(fd) == 0
        let code = errno
        close(fd)
        guard ok else {
            unlink(temporary)
            throw InputError(file: path, "cannot write: \(String(cString: strerror(code)))")
        }
        return temporary
    }

    private static func linkError(_ path: String) -> InputError {
        errno == EEXIST
            ? InputError(file: path, "already exists; refusing to overwrite a key (remove it first)")
            : InputError(file: path, "cannot create: \(String(cString: strerror(errno)))")
    }
}
