import ByteCodec
import Foundation

/// A submitted job: which backend computes it (`kind`), its spec text and its data files.
///
/// The bundle travels once per worker (keyed by its content hash) and is stored by the
/// coordinator. Its canonical byte encoding (docs/PROTOCOL.md, "Job bundle") is:
/// `"TBJ2"` then four fields — kind (UTF-8), spec, places, links — each a little-endian
/// `u32` length (`ByteCodec`) followed by that many bytes. The content hash is the lowercase hex
/// SHA-256 of those bytes; the job id is its first 16 hex digits, so resubmitting the
/// same bundle names the same job.
package struct JobBundle: Sendable, Hashable {
    /// Backend name, e.g. `analysis`, `noop`, `failing`.
    package var kind: String
    /// The job spec as submitted (YAML or JSON text for `analysis`, JSON for `noop`).
    package var spec: Data
    /// places.csv bytes (empty when the backend needs none).
    package var places: Data
    /// links.csv bytes (empty when the backend needs none).
    package var links: Data

    package init(kind: String, spec: Data, places: Data = Data(), links: Data = Data()) {
        self.kind = kind
        self.spec = spec
        self.places = places
        self.links = links
    }

    package static let magic: [UInt8] = Array("TBJ2".utf8)
    /// Protocol 2's bundle (big-endian lengths): refused by name, never misread.
    static let protocol2Magic: [UInt8] = Array("TBJ1".utf8)

    /// The canonical encoding (see the type's documentation).
    package var encoded: [UInt8] {
        var writer = ByteWriter(capacity: 4 + 16 + kind.utf8.count + spec.count + places.count + links.count)
        writer.append(Self.magic)
        for field in [Data(kind.utf8), spec, places, links] {
            writer.appendUInt32(UInt32(field.count))
            writer.append(field)
        }
        return writer.bytes
    }

    /// Decodes the canonical encoding; throws `FrameError` when malformed.
    package init(encoded bytes: [UInt8]) throws(FrameError) {
        guard bytes.starts(with: Self.magic) else {
            if bytes.starts(with: Self.protocol2Magic) {
                throw .malformed("job bundle is TBJ1 (protocol version 2, big-endian lengths); this version reads TBJ2")
            }
            throw .malformed("job bundle does not start with TBJ2")
        }
        let (fields, atEnd) = try WireFields.read(bytes) { reader in
            _ = try reader.read(count: Self.magic.count)
            var fields: [Data] = []
            for _ in 0..<4 {
                let count = Int(try reader.readUInt32())
                fields.append(Data(try reader.read(count: count)))
            }
            return (fields, reader.isAtEnd)
        }
        guard atEnd else { throw FrameError.malformed("job bundle has trailing bytes") }
        guard let kind = String(data: fields[0], encoding: .utf8), !kind.isEmpty, kind.utf8.count <= 64 else {
            throw FrameError.malformed("job bundle kind is not 1–64 bytes of UTF-8")
        }
        self.init(kind: kind, spec: fields[1], places: fields[2], links: fields[3])
    }

    /// Lowercase hex SHA-256 of `encoded`.
    package var contentHash: String { ContentHash.sha256(encoded) }

    /// The job id: the first 16 hex digits of the content hash.
    package var jobID: String { String(contentHash.prefix(16)) }
}
