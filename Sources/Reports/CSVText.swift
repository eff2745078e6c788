import Foundation

/// Builds RFC 4180 CSV text (LF line ends, fields quoted only when needed).
package struct CSVText: Sendable {
    package private(set) var text = ""

    package init(header: [String]) { append(header) }

    package mutating func append(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { text.append(",") }
            if Self.needsQuotes(field) { text.append(Self.quote(field)) } else { text.append(field) }
        }
        text.append("\n")
    }

    /// Appends one line whose fields are already joined and quoted (see `quote`), and
    /// the line end: for tables whose rows share most of their fields.
    package mutating func appendRaw(_ line: String) {
        text.append(line)
        text.append("\n")
    }

    /// Quotes a field containing a comma, quote, CR or LF, doubling inner quotes.
    package static func quote(_ field: String) -> String {
        guard needsQuotes(field) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Scans UTF-8 bytes, not Characters: the four specials are ASCII, and
    /// grapheme breaking made writing the centrality table several times slower.
    @inline(__always)
    static func needsQuotes(_ field: String) -> Bool {
        field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    }

    /// Shortest round-trip text of a double ("nan"/"inf" never occur in outputs).
    package static func number(_ x: Double) -> String { x.description }

    package static func number(_ x: Double?) -> String { x.map(number) ?? "" }
}
