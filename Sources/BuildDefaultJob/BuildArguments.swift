import Foundation

/// Command line: `build-default-job --facts DIR --readings FILE --volume-readings FILE --out DIR [--first-year YEAR]`.
struct BuildArguments {
    static let usage = "usage: build-default-job --facts DIR --readings FILE --volume-readings FILE --out DIR [--first-year YEAR]"
    static let flags = ["--facts", "--readings", "--volume-readings", "--out", "--first-year"]

    var facts: URL
    /// Reading of every row of facts/events.csv (RULES.md section 2).
    var readings: URL
    /// Reading of every row of facts/port_volumes_by_year.csv (RULES.md section 2).
    var volumeReadings: URL
    var out: URL
    /// The study's first year (1988 for the reference case).
    var firstYear: Int

    init(_ arguments: [String]) throws {
        var values: [String: String] = [:]
        var i = 0
        while i < arguments.count {
            let flag = arguments[i]
            guard Self.flags.contains(flag), i + 1 < arguments.count else {
                throw BuildError(file: "<arguments>", "unexpected '\(flag)'\n\(Self.usage)")
            }
            values[flag] = arguments[i + 1]
            i += 2
        }
        guard let facts = values["--facts"], let readings = values["--readings"],
            let volumeReadings = values["--volume-readings"], let out = values["--out"]
        else {
            throw BuildError(file: "<arguments>", Self.usage)
        }
        guard let firstYear = Int(values["--first-year"] ?? "1988") else {
            throw BuildError(file: "<arguments>", "--first-year must be an integer")
        }
        self.facts = URL(fileURLWithPath: facts, isDirectory: true)
        self.readings = URL(fileURLWithPath: readings)
        self.volumeReadings = URL(fileURLWithPath: volumeReadings)
        self.out = URL(fileURLWithPath: out, isDirectory: true)
        self.firstYear = firstYear
    }
}
