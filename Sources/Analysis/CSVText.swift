import Foundation

/// Builds RFC 4180 CSV text (LF line ends, fields quoted only when needed).
public struct CSVText: Sendable {
    public private(set) var text = ""

    public init(header: [String]) { append(header) }

    public mutating func append(_ fields: [String]) {
        text += fields.map(CSVText.quote).joined(separator: ",")
        text += "\n"
    }

    /// Quotes a field containing a comma, quote, CR or LF, doubling inner quotes.
    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Shortest round-trip text of a double ("nan"/"inf" never occur in outputs).
    public static func number(_ x: Double) -> String { x.description }

    public static func number(_ x: Double?) -> String { x.map(number) ?? "" }
}
