/// JSON written by hand where JSONEncoder's generality costs too much (one encoder call
/// per string of a GeoJSON feature) or cannot say what we mean (`0.0` for a float).
package enum JSONText {
    /// A JSON string literal: RFC 8259 escapes for `"`, `\` and control characters,
    /// every other character as UTF-8 (no `\u` escapes, `/` unescaped).
    package static func string(_ text: String) -> String {
        // Most names and keys need no escape: one concatenation instead of a scalar loop.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A double as the shortest text that reads back the same (Swift's `description`:
    /// always a point or an exponent, `0.0`, `2.5e-05`); `null` when not finite.
    package static func number(_ value: Double) -> String {
        value.isFinite ? value.description : "null"
    }
}
