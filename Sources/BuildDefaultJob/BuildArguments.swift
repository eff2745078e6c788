import Foundation

/// Command line: `build-default-job --facts DIR --readings FILE --out DIR [--first-year YEAR]`.
struct BuildArguments {
    static let usage = "usage: build-default-job --facts DIR --readings FILE --out DIR [--first-year YEAR]"

    var facts: URL
    var readings: URL
    var out: URL
    /// The study's first year (1988 for the reference case).
    var firstYear: Int

    init(_ arguments: [String]) throws {
        var values: [String: String] = [:]
        var i = 0
        while i < arguments.count {
            let flag = arguments[i]
            guard ["--facts", "--readings", "--out", "--first-year"].contains(flag), i + 1 < arguments.count else {
                throw BuildError(file: "<arguments>", "unexpected '\(flag)'\n\(Self.usage)")
            }
            values[flag] = arguments[i + 1]
            i += 2
        }
        guard let facts = values["--facts"], let readings = values["--readings"], let out = values["--out"] else {
            throw BuildError(file: "<arguments>", Self.usage)
        }
        guard let firstYear = Int(values["--first-year"] ?? "1988") else {
            throw BuildError(file: "<arguments>", "--first-year must be an integer")
        }
        self.facts = URL(fileURLWithPath: facts, isDirectory: true)
        self.readings = URL(fileURLWithPath: readings)
        self.out = URL(fileURLWithPath: out, isDirectory: true)
        self.firstYear = firstYear
    }
}
