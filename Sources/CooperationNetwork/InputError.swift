/// One problem found in user input, located precisely enough to fix it.
package struct InputIssue: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (or a logical name such as `<stdin>`).
    package var file: String
    /// 1-based line number in the file, when known.
    package var line: Int?
    /// The column, key or YAML path at fault, when known.
    package var field: String?
    package var message: String

    package init(file: String, line: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `file:line: field 'x': message` — the format editors and grep understand.
    package var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let field { s += "field '\(field)': " }
        return s + message
    }
}

/// Bad input: every issue found (up to `InputError.cap`), not only the first.
/// The CLI prints each on its own line to stderr and exits with status 2.
package struct InputError: Error, Sendable, CustomStringConvertible {
    /// At most this many issues are kept; the rest are counted in `omitted`.
    package static let cap = 50

    package private(set) var issues: [InputIssue]
    package private(set) var omitted: Int

    package init(_ issues: [InputIssue] = []) {
        self.issues = Array(issues.prefix(Self.cap))
        self.omitted = max(0, issues.count - Self.cap)
    }

    package init(file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        self.init([InputIssue(file: file, line: line, field: field, message: message)])
    }

    package var isEmpty: Bool { issues.isEmpty }

    package mutating func append(_ issue: InputIssue) {
        if issues.count < Self.cap { issues.append(issue) } else { omitted += 1 }
    }

    package mutating func append(contentsOf other: InputError) {
        for issue in other.issues { append(issue) }
        omitted += other.omitted
    }

    /// Throws `self` when any issue was collected.
    package func throwIfAny() throws {
        if !issues.isEmpty { throw self }
    }

    package var description: String {
        var lines = issues.map { "error: \($0)" }
        if omitted > 0 { lines.append("error: … and \(omitted) more") }
        return lines.joined(separator: "\n")
    }
}
