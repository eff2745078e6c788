/// One problem found in user input, located precisely enough to fix it.
public struct InputIssue: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (or a logical name such as `<stdin>`).
    public var file: String
    /// 1-based line number in the file, when known.
    public var line: Int?
    /// The column, key or YAML path at fault, when known.
    public var field: String?
    public var message: String

    public init(file: String, line: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `file:line: field 'x': message` — the format editors and grep understand.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let field { s += "field '\(field)': " }
        return s + message
    }
}

/// Bad input: every issue found (up to `InputError.cap`), not only the first.
/// The CLI prints each on its own line to stderr and exits with status 2.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// At most this many issues are kept; the rest are counted in `omitted`.
    public static let cap = 50

    public private(set) var issues: [InputIssue]
    public private(set) var omitted: Int

    public init(_ issues: [InputIssue] = []) {
        self.issues = Array(issues.prefix(Self.cap))
        self.omitted = max(0, issues.count - Self.cap)
    }

    public init(file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        self.init([InputIssue(file: file, line: line, field: field, message: message)])
    }

    public var isEmpty: Bool { issues.isEmpty }

    public mutating func append(_ issue: InputIssue) {
        if issues.count < Self.cap { issues.append(issue) } else { omitted += 1 }
    }

    public mutating func append(contentsOf other: InputError) {
        for issue in other.issues { append(issue) }
        omitted += other.omitted
    }

    /// Throws `self` when any issue was collected.
    public func throwIfAny() throws {
        if !issues.isEmpty { throw self }
    }

    public var description: String {
        var lines = issues.map { "error: \($0)" }
        if omitted > 0 { lines.append("error: … and \(omitted) more") }
        return lines.joined(separator: "\n")
    }
}
