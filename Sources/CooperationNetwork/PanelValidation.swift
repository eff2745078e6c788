/// Turns textual place and link rows into a `Panel`, reporting every bad field.
///
/// Pure (no files): the CSV reader in `JobFiles` produces the records, so the
/// coordinator and the workers validate the same bytes with the same rules.
/// All issues are collected (up to `InputError.cap`) rather than the first only.
///
/// Rules (docs/JOB_SPEC.md): fields are trimmed of spaces and tabs; place ids
/// are non-empty and unique; `scale` is national|regional|local; `country` and
/// `region` are non-empty; an empty `name` falls back to the id; `lat` ∈ [-90, 90]
/// and `lon` ∈ [-180, 180] degrees; links join two different known places,
/// `year` is an integer inside `years` (when given), `layer` is a valid layer
/// name, `weight` is a finite number ≥ 0 and `estimated` is
/// true/false/1/0/yes/no (any case, empty = false).
public enum PanelValidation {
    /// Validates the records and builds the panel.
    ///
    /// - Parameters:
    ///   - placesFile, linksFile: how issues name the files.
    ///   - years: the declared year range; nil = the smallest range holding every link year.
    /// - Throws: `InputError` with every issue found.
    public static func panel(places placeRecords: [PlaceRecord], placesFile: String,
                             links linkRecords: [LinkRecord], linksFile: String,
                             years declaredYears: ClosedRange<Int>?, directed: Bool) throws -> Panel {
        var issues = InputError()
        let (places, index) = validatedPlaces(placeRecords, file: placesFile, issues: &issues)
        let parsed = validatedLinks(linkRecords, file: linksFile, placeIndex: index,
                                    years: declaredYears, issues: &issues)
        if placeRecords.isEmpty {
            issues.append(InputIssue(file: placesFile, message: "no places: the file has no data rows"))
        }
        if linkRecords.isEmpty {
            issues.append(InputIssue(file: linksFile, message: "no links: the file has no data rows"))
        }
        try issues.throwIfAny()
        let layers = Array(Set(parsed.map(\.layer))).sorted()
        var layerIndex: [Layer: Int] = [:]
        for (i, layer) in layers.enumerated() { layerIndex[layer] = i }
        let links = parsed.map { row in
            Link(source: row.source, target: row.target, year: row.year, layer: layerIndex[row.layer] ?? 0,
                 weight: row.weight, estimated: row.estimated)
        }
        let years = declaredYears ?? (links.map(\.year).min() ?? 0)...(links.map(\.year).max() ?? 0)
        return Panel(places: places, layers: layers, links: links, years: years, directed: directed)
    }

    /// A link whose fields all passed, with its layer still by name.
    private struct ParsedLink {
        var source: Int
        var target: Int
        var year: Int
        var layer: Layer
        var weight: Double
        var estimated: Bool
    }

    private static func validatedPlaces(_ records: [PlaceRecord], file: String,
                                        issues: inout InputError) -> ([Place], [String: Int]) {
        var places: [Place] = []
        var index: [String: Int] = [:]
        var firstLine: [String: Int] = [:]
        places.reserveCapacity(records.count)
        for record in records {
            func report(_ field: String, _ message: String) {
                issues.append(InputIssue(file: file, line: record.line, field: field, message: message))
            }
            var valid = true
            let id = trimmed(record.id)
            if id.isEmpty {
                report("id", "empty place id")
                valid = false
            } else if let first = firstLine[id] {
                report("id", "duplicate place id '\(id)' (first defined on line \(first))")
                valid = false
            } else {
                firstLine[id] = record.line
            }
            let country = trimmed(record.country)
            if country.isEmpty {
                report("country", "empty country code (links between countries are the cross-border ones)")
                valid = false
            }
            let scaleText = trimmed(record.scale)
            let scale = Scale(rawValue: scaleText)
            if scale == nil {
                let allowed = Scale.allCases.map(\.rawValue)
                report("scale", "unknown scale '\(scaleText)' (allowed: \(allowed.joined(separator: ", ")))"
                       + NameSuggestion.hint(for: scaleText, in: allowed))
                valid = false
            }
            let region = trimmed(record.region)
            if region.isEmpty {
                report("region", "empty region (the unit of the leave-one-region-out scenarios)")
                valid = false
            }
            let latitude = coordinate(record.latitude, field: "lat", limit: 90, report: report)
            let longitude = coordinate(record.longitude, field: "lon", limit: 180, report: report)
            guard valid, let scale, let latitude, let longitude else { continue }
            let name = trimmed(record.name)
            index[id] = places.count
            places.append(Place(id: id, name: name.isEmpty ? id : name, country: country,
                                kind: trimmed(record.kind), scale: scale, region: region,
                                latitude: latitude, longitude: longitude))
        }
        // Ids of rejected rows still count as known, so one bad place row does
        // not also make every link to it "unknown".
        for (id, _) in firstLine where index[id] == nil { index[id] = -1 }
        return (places, index)
    }

    private static func coordinate(_ text: String, field: String, limit: Double,
                                   report: (String, String) -> Void) -> Double? {
        let value = trimmed(text)
        guard let number = Double(value), number.isFinite else {
            report(field, value.isEmpty ? "empty coordinate" : "'\(value)' is not a number (decimal degrees, WGS 84)")
            return nil
        }
        guard (-limit...limit).contains(number) else {
            report(field, "\(value) is outside [-\(Int(limit)), \(Int(limit))] degrees")
            return nil
        }
        return number
    }

    private static func validatedLinks(_ records: [LinkRecord], file: String, placeIndex: [String: Int],
                                       years: ClosedRange<Int>?, issues: inout InputError) -> [ParsedLink] {
        var links: [ParsedLink] = []
        links.reserveCapacity(records.count)
        for record in records {
            func report(_ field: String, _ message: String) {
                issues.append(InputIssue(file: file, line: record.line, field: field, message: message))
            }
            func place(_ text: String, field: String) -> Int? {
                let id = trimmed(text)
                if id.isEmpty {
                    report(field, "empty place id")
                    return nil
                }
                guard let index = placeIndex[id] else {
                    // Suggestions cost a pass over all ids: only for issues that will be shown.
                    let hint = issues.issues.count < InputError.cap
                        ? NameSuggestion.hint(for: id, in: placeIndex.keys.sorted()) : ""
                    report(field, "unknown place id '\(id)' (not in the places file)" + hint)
                    return nil
                }
                return index
            }
            let source = place(record.source, field: "source")
            let target = place(record.target, field: "target")
            // -1: a known id whose place row was rejected (already reported there).
            var valid = source != nil && target != nil && source != -1 && target != -1
            let sourceID = trimmed(record.source)
            if !sourceID.isEmpty, sourceID == trimmed(record.target) {
                report("target", "self-loop: source and target are both '\(sourceID)'"
                       + " (a place does not cooperate with itself; remove the row)")
                valid = false
            }
            let yearText = trimmed(record.year)
            var year = 0
            if let parsed = Int(yearText) {
                year = parsed
                if let years, !years.contains(parsed) {
                    report("year", "year \(parsed) is outside the job's years \(years.lowerBound)–\(years.upperBound)")
                    valid = false
                }
            } else {
                report("year", yearText.isEmpty ? "empty year" : "'\(yearText)' is not an integer year")
                valid = false
            }
            let layerName = trimmed(record.layer)
            if !Layer.isValidName(layerName) {
                let builtIn = Layer.builtIn.map(\.rawValue)
                report("layer", "'\(layerName)' is not a valid layer name (lowercase letters, digits and _,"
                       + " starting with a letter; built-in: \(builtIn.joined(separator: ", ")))"
                       + NameSuggestion.hint(for: layerName, in: builtIn))
                valid = false
            }
            let weight = linkWeight(record.weight, report: report)
            if weight == nil { valid = false }
            var estimated = false
            if let text = record.estimated {
                if let flag = flag(trimmed(text)) {
                    estimated = flag
                } else {
                    report("estimated", "'\(trimmed(text))' is not a boolean (true/false, 1/0, yes/no)")
                    valid = false
                }
            }
            guard valid, let source, let target, let weight else { continue }
            links.append(ParsedLink(source: source, target: target, year: year, layer: Layer(rawValue: layerName),
                                    weight: weight, estimated: estimated))
        }
        return links
    }

    private static func linkWeight(_ text: String, report: (String, String) -> Void) -> Double? {
        let value = trimmed(text)
        guard let weight = Double(value) else {
            report("weight", value.isEmpty ? "empty weight" : "'\(value)' is not a number")
            return nil
        }
        if weight.isNaN {
            report("weight", "NaN is not a weight (intensities are finite numbers ≥ 0)")
        } else if weight.isInfinite {
            report("weight", "'\(value)' is infinite (intensities are finite numbers ≥ 0)")
        } else if weight < 0 {
            report("weight", "\(value) is negative (intensities are finite numbers ≥ 0)")
        } else {
            return weight
        }
        return nil
    }

    /// true/false, 1/0, yes/no in any case; empty = false.
    private static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no", "": return false
        default: return nil
        }
    }

    /// The text without leading and trailing spaces and tabs: the trimming
    /// applied to every field and header name (other whitespace is kept).
    public static func trimmed(_ text: String) -> String {
        let isBlank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
              let last = scalars.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
