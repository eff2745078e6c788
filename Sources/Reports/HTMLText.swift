/// Builds markup that is both HTML5 and well-formed XML ("polyglot" markup):
/// every element closed, empty elements written `<x/>`, attributes quoted,
/// only the five XML entities. The report can then be checked strictly with
/// an XML parser and still opens in any browser.
///
/// Attributes are written in the order given, so the output is deterministic.
struct HTMLText: Sendable {
    private(set) var text = ""

    init() {}

    /// `<name a="v" …>`
    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        text += "<" + name + Self.attributes(attributes) + ">"
    }

    /// `</name>`
    mutating func close(_ name: String) {
        text += "</" + name + ">"
    }

    /// An element without content: `<name …/>` for HTML void elements and SVG
    /// shapes, `<name …></name>` for every other name — an HTML parser reads
    /// `<span/>` as an open tag, so only those may close themselves.
    mutating func empty(_ name: String, _ attributes: [(String, String)] = []) {
        if Self.selfClosing.contains(name) {
            text += "<" + name + Self.attributes(attributes) + "/>"
        } else {
            open(name, attributes)
            close(name)
        }
    }

    /// HTML void elements and the SVG shapes the report draws.
    static let selfClosing: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "circle", "ellipse", "line", "path", "polygon", "polyline", "rect", "stop", "use",
    ]

    /// `<name …>escaped text</name>`
    mutating func element(_ name: String, _ attributes: [(String, String)] = [], text content: String) {
        open(name, attributes)
        text += Self.escape(content)
        close(name)
    }

    /// Escaped character data.
    mutating func text(_ content: String) {
        text += Self.escape(content)
    }

    /// Markup produced by another `HTMLText` (or a constant known to be well-formed).
    mutating func raw(_ markup: String) {
        text += markup
    }

    /// A line break in the source, for readable diffs; not significant in HTML.
    mutating func newline() {
        text += "\n"
    }

    private static func attributes(_ attributes: [(String, String)]) -> String {
        var out = ""
        for (key, value) in attributes { out += " " + key + "=\"" + escape(value) + "\"" }
        return out
    }

    /// Escapes `& < > " '` and replaces characters XML 1.0 forbids (C0 controls
    /// other than tab, LF and CR; U+FFFE/U+FFFF) with U+FFFD. Safe in text and
    /// in double-quoted attributes.
    static func escape(_ s: String) -> String {
        guard needsEscaping(s) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Whether `escape` would change `s`, from its UTF-8 bytes (most report text
    /// is plain: numbers, coordinates, ASCII names). Conservative: any 0xEF lead
    /// byte (U+F000…U+FFFF, which holds U+FFFE/U+FFFF) takes the careful path.
    @inline(__always)
    static func needsEscaping(_ s: String) -> Bool {
        s.utf8.contains { b in
            switch b {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0xEF: return true
            case 0x09, 0x0A, 0x0D: return false
            default: return b < 0x20
            }
        }
    }

    /// `x` with exactly `digits` decimals, rounded half away from zero, never
    /// "-0"; locale-free so the report is byte-identical everywhere. Non-finite
    /// values (which the writers never pass) print as "NaN".
    static func fixed(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return "NaN" }
        var scale = 1.0
        for _ in 0..<max(0, digits) { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        guard scaled < 9e15 else { return x.description }
        let units = Int(scaled)
        let sign = units == 0 || x > 0 ? "" : "-"
        let divisor = Int(scale)
        guard digits > 0 else { return sign + String(units) }
        var fraction = String(units % divisor)
        while fraction.count < digits { fraction = "0" + fraction }
        return sign + String(units / divisor) + "." + fraction
    }

    /// Readable number for tables: 3 significant decimals for small values,
    /// fewer for large ones (e.g. 0.00123 → "0.00123", 0.5 → "0.500", 1234.5 → "1234.5").
    static func readable(_ x: Double) -> String {
        let a = abs(x)
        if a == 0 { return "0" }
        if a >= 1000 { return fixed(x, digits: 1) }
        if a >= 1 { return fixed(x, digits: 3) }
        var digits = 3
        var bound = 0.1
        while a < bound && digits < 9 {
            digits += 1
            bound /= 10
        }
        return fixed(x, digits: digits)
    }
}
