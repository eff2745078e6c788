import CooperationNetwork
import Foundation

/// Decodes user files as UTF-8, tolerating a byte order mark, and locates the
/// first invalid byte when the text is not UTF-8.
///
/// Lines are physical lines: a line ends at LF, CR LF or a lone CR, the
/// same rule the CSV reader uses, so line numbers agree across messages.
enum UTF8Text {
    /// The text of `data` without its UTF-8 byte order mark.
    ///
    /// - Throws: `InputError` naming `file`, the line of the first invalid
    ///   byte, its column (1-based byte in the line) and value.
    static func decode(_ data: Data, file: String) throws -> String {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw InputError(file: file, line: 1, "UTF-16 text (byte order mark \(hex(bytes[0])) \(hex(bytes[1]))); save the file as UTF-8")
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        if let text = String(validating: body, as: UTF8.self) { return text }
        let offset = firstInvalidOffset(body)
        let prefix = body[body.startIndex..<(body.startIndex + offset)]
        let line = 1 + lineBreaks(in: prefix)
        let lineStart = prefix.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }).map { $0 + 1 } ?? body.startIndex
        let column = body.startIndex + offset - lineStart + 1
        throw InputError(
            file: file, line: line,
            "not valid UTF-8: byte \(hex(body[body.startIndex + offset])) at column \(column) of the line;"
                + " save the file as UTF-8")
    }

    /// Byte offset (from the start of `bytes`) of the first byte that does not belong to valid UTF-8.
    static func firstInvalidOffset(_ bytes: ArraySlice<UInt8>) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }

    /// Number of line ends (LF, CR LF, lone CR) in `scalars`.
    static func lineBreaks<Units: Sequence>(in units: Units) -> Int where Units.Element: BinaryInteger {
        var count = 0
        var previousWasCR = false
        for unit in units {
            if unit == 0x0D {
                count += 1
                previousWasCR = true
            } else {
                if unit == 0x0A && !previousWasCR { count += 1 }
                previousWasCR = false
            }
        }
        return count
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count == 1 ? "0" + digits : digits)
    }
}
