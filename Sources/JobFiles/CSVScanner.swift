/// Splits CSV text into records of fields (RFC 4180: comma, double quotes, "" as an
/// escaped quote, CR, LF or CR LF ending a record), following CSV.swift's `CSVReader`
/// rule for rule — the reader it replaced on the job-loading path, and the reference
/// the differential tests compare it with — while scanning UTF-8 bytes instead of
/// boxed unicode scalars (every worker parses the panel before its first task, so this
/// parse is on the critical path; docs/PERFORMANCE.md).
///
/// CSV.swift's rules kept here, including its leniencies: a quoted field ends a record
/// at the end of the text even without its closing quote; after a closing quote,
/// a character other than a comma, quote or line end is dropped and the quote is kept
/// as text; fields are never trimmed.
enum CSVScanner {
    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","),
        cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    /// The records of `text`; an empty line is one record with one empty field.
    static func records(_ text: String) -> [[String]] {
        var text = text
        return text.withUTF8 { records(utf8: $0) }
    }

    /// The records of valid UTF-8 bytes (as `records(_:)`).
    static func records(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [[String]] {
        let n = bytes.count
        var i = 0
        var rows: [[String]] = []
        var buffer: [UInt8] = []
        while i < n {
            var row: [String] = []
            while true {
                if i >= n {  // a comma ended the text: one more, empty field
                    row.append("")
                    break
                }
                var endsRecord = true
                if bytes[i] == quote {
                    i += 1
                    buffer.removeAll(keepingCapacity: true)
                    quoted: while i < n {
                        let c = bytes[i]
                        i += 1
                        guard c == quote else {
                            buffer.append(c)
                            continue
                        }
                        guard i < n else { break quoted }
                        let next = bytes[i]
                        i += 1
                        switch next {
                        case cr:
                            if i < n && bytes[i] == lf { i += 1 }
                            break quoted
                        case lf:
                            break quoted
                        case comma:
                            endsRecord = false
                            break quoted
                        case quote:
                            buffer.append(quote)
                        default:
                            // CSV.swift keeps the quote and drops the scalar after it.
                            buffer.append(quote)
                            while i < n && bytes[i] & 0xC0 == 0x80 { i += 1 }
                        }
                    }
                    row.append(String(decoding: buffer, as: UTF8.self))
                } else {
                    let start = i
                    var end = n
                    while i < n {
                        let c = bytes[i]
                        if c == comma {
                            end = i
                            i += 1
                            endsRecord = false
                            break
                        }
                        if c == lf || c == cr {
                            end = i
                            i += 1
                            if c == cr && i < n && bytes[i] == lf { i += 1 }
                            break
                        }
                        i += 1
                    }
                    row.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                }
                if endsRecord { break }
            }
            rows.append(row)
        }
        return rows
    }
}
