import CooperationNetwork
import Yams

/// Typed reads of YAML nodes that collect issues with the YAML path and line
/// instead of stopping at the first.
///
/// Types are read from the scalar text, not from YAML 1.1's implicit
/// resolution, so `region: NO` stays the string "NO"; a quoted scalar where a
/// number or boolean is expected is a type error (JSON `"100"` is a string).
struct SpecReader {
    let file: String
    var issues = InputError()
    /// Line of every value read, by YAML path (`stages.min_size`, `sensitivity.perturb_region[1]`).
    var lines: [String: Int] = [:]

    init(file: String) { self.file = file }

    mutating func report(_ path: String?, line: Int?, _ message: String) {
        issues.append(InputIssue(file: file, line: line, field: path?.isEmpty == false ? path : nil, message: message))
    }

    mutating func report(_ path: String, _ node: Node, _ message: String) {
        report(path, line: node.mark?.line, message)
    }

    /// The key/value pairs of a mapping, reporting unknown keys (with a "did you
    /// mean" hint) and non-string keys; nil (reported) when `node` is not a mapping.
    mutating func mapping(_ node: Node, path: String, allowed: [String]) -> [String: Node]? {
        lines[path] = node.mark?.line
        guard case .mapping(let mapping) = node else {
            report(path, node, "expected a mapping with keys \(allowed.joined(separator: ", ")), found \(describe(node))")
            return nil
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report(path, key, "keys must be plain names, found \(describe(key))")
                continue
            }
            let name = scalar.string
            let keyPath = path.isEmpty ? name : "\(path).\(name)"
            guard allowed.contains(name) else {
                report(
                    keyPath, key,
                    "unknown key '\(name)'" + NameSuggestion.hint(for: name, in: allowed)
                        + "; allowed here: \(allowed.joined(separator: ", "))")
                continue
            }
            values[name] = value
        }
        return values
    }

    /// The text of a non-null scalar, or nil (reported as expecting `expected`).
    mutating func scalarText(_ node: Node, path: String, expected: String, quotedAllowed: Bool) -> String? {
        lines[path] = node.mark?.line
        guard case .scalar(let scalar) = node, !isNull(node) else {
            report(path, node, "expected \(expected), found \(describe(node))")
            return nil
        }
        if !quotedAllowed && scalar.style != .plain && scalar.style != .any {
            report(path, node, "expected \(expected), found the string \"\(scalar.string)\" (remove the quotes)")
            return nil
        }
        return scalar.string
    }

    mutating func string(_ node: Node, path: String) -> String? {
        scalarText(node, path: path, expected: "a string", quotedAllowed: true)
    }

    /// A non-empty string.
    mutating func name(_ node: Node, path: String) -> String? {
        guard let text = string(node, path: path) else { return nil }
        if text.isEmpty {
            report(path, node, "must not be empty")
            return nil
        }
        return text
    }

    mutating func int(_ node: Node, path: String, minimum: Int? = nil) -> Int? {
        guard let text = scalarText(node, path: path, expected: "an integer", quotedAllowed: false) else { return nil }
        guard let value = Int(text) else {
            report(path, node, "expected an integer, found '\(text)'")
            return nil
        }
        if let minimum, value < minimum {
            report(path, node, "must be at least \(minimum), found \(value)")
            return nil
        }
        return value
    }

    mutating func uint64(_ node: Node, path: String) -> UInt64? {
        guard let text = scalarText(node, path: path, expected: "an integer ≥ 0", quotedAllowed: false) else { return nil }
        guard let value = UInt64(text) else {
            report(path, node, "expected an integer from 0 to \(UInt64.max), found '\(text)'")
            return nil
        }
        return value
    }

    mutating func double(_ node: Node, path: String) -> Double? {
        guard let text = scalarText(node, path: path, expected: "a number", quotedAllowed: false) else { return nil }
        guard let value = Double(text), value.isFinite else {
            report(path, node, "expected a finite number, found '\(text)'")
            return nil
        }
        return value
    }

    /// `true`/`false` (any case); YAML 1.1's yes/no/on/off are accepted too.
    mutating func bool(_ node: Node, path: String) -> Bool? {
        guard let text = scalarText(node, path: path, expected: "true or false", quotedAllowed: false) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report(path, node, "expected true or false, found '\(text)'")
            return nil
        }
    }

    /// One of an enum's raw values, listing them all when the value is unknown.
    mutating func choice<Value: RawRepresentable & CaseIterable>(_ node: Node, path: String, _ type: Value.Type) -> Value?
    where Value.RawValue == String {
        let allowed = Value.allCases.map(\.rawValue)
        guard
            let text = scalarText(
                node, path: path, expected: "one of \(allowed.joined(separator: ", "))",
                quotedAllowed: true)
        else { return nil }
        guard let value = Value(rawValue: text) else {
            report(
                path, node,
                "unknown value '\(text)' (allowed: \(allowed.joined(separator: ", ")))"
                    + NameSuggestion.hint(for: text, in: allowed))
            return nil
        }
        return value
    }

    /// A list of non-empty, distinct strings (each item's line recorded as `path[i]`).
    mutating func stringList(_ node: Node, path: String) -> [String]? {
        lines[path] = node.mark?.line
        guard case .sequence(let sequence) = node else {
            report(path, node, "expected a list of names, found \(describe(node))")
            return nil
        }
        var names: [String] = []
        var valid = true
        for (i, item) in sequence.enumerated() {
            let itemPath = "\(path)[\(i)]"
            guard let name = name(item, path: itemPath) else {
                valid = false
                continue
            }
            if names.contains(name) {
                report(itemPath, item, "'\(name)' is listed twice")
                valid = false
            }
            names.append(name)
        }
        return valid ? names : nil
    }

    /// Whether `node` is YAML null (`~`, `null` or nothing).
    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// A short description of what a node is, for type errors.
    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if isNull(node) { return "nothing (null)" }
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            // A whole file read as one scalar (a CSV passed as the spec) is shown by its start.
            let firstLine = scalar.string.prefix { $0 != "\n" && $0 != "\r" }
            let text =
                firstLine.count > 60 || firstLine.count < scalar.string.count
                ? String(firstLine.prefix(60)) + "…" : scalar.string
            return quoted ? "the string \"\(text)\"" : "'\(text)'"
        }
    }
}
