import ArgumentParser
import Cluster
import Foundation
import ZeroMQ

/// `transborder keygen`: a CURVE key pair for an authenticated cluster.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Write a CURVE key pair (Z85 text) for authenticated clusters.",
        discussion: """
            Writes NAME.key (the secret key, mode 0600) and NAME.pub (the public key), each \
            40 characters of Z85 text and a newline, and prints the public key on stdout. \
            Existing files are never overwritten. The coordinator takes --curve-secret \
            server.key --authorized-keys DIR (DIR holds the .pub files it admits); workers and \
            clients take --curve-secret their.key --server-key server.pub. The public key is \
            derived from the secret key, so a peer needs only its .key file (a .pub beside it \
            must match). Exit status 2 when a file exists or cannot be written.
            """
    )

    @Option(help: "Base name of the key files: writes NAME.key and NAME.pub.")
    var out: String

    func validate() throws {
        guard !out.isEmpty, !out.hasSuffix("/") else { throw ValidationError("--out needs a file base name, e.g. keys/worker") }
    }

    func run() throws {
        guard CurveKeyPair.isAvailable else {
            printError("keygen: this libzmq was built without CURVE (zmq_has(\"curve\") is false)")
            throw ExitCode(1)
        }
        try reportingInputErrors {
            let pair = try CurveKeyPair.generate()
            try CurveKeyFile.create(pair, base: out)
            printError("wrote \(out).key (secret, mode 0600) and \(out).pub")
            print(pair.publicKey.z85)
        }
    }
}
