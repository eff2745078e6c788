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
/// a row gives `year` (an integer inside `years`, when given) or a spell
/// `start`…`end` (inclusive, empty end = the panel's last year; spells of the
/// same tie never overlap), `layer` and `alt_layer` are valid layer names,
/// `weight` is a finite number ≥ 0, `estimated` is true/false/1/0/yes/no (any
/// case, empty = false), `rel_error` a number ≥ 0 and `date_uncertainty` a
/// whole number of years ≥ 0 (both empty = unset).
package enum PanelValidation {
    /// Validates the records and builds the panel.
    ///
    /// - Parameters:
    ///   - placesFile, linksFile: how issues name the files.
    ///   - years: the declared year range; nil = the smallest range holding every link year.
    /// - Throws: `InputError` with every issue found.
    package static func panel(
        places placeRecords: [PlaceRecord], placesFile: String,
        links linkRecords: [LinkRecord], linksFile: String,
        years declaredYears: ClosedRange<Int>?, directed: Bool
    ) throws -> Panel {
        var issues = InputError()
        let (places, index) = validatedPlaces(placeRecords, file: placesFile, issues: &issues)
        let parsed = validatedLinks(
            linkRecords, file: linksFile, placeIndex: index,
            years: declaredYears, issues: &issues)
        if placeRecords.isEmpty {
            issues.append(InputIssue(file: placesFile, message: "no places: the file has no data rows"))
        }
        if linkRecords.isEmpty {
            issues.append(InputIssue(file: linksFile, message: "no links: the file has no data rows"))
        }
        try issues.throwIfAny()
        checkOverlaps(parsed, file: linksFile, directed: directed, issues: &issues)
        try issues.throwIfAny()
        let layers = Array(Set(parsed.map(\.layer) + parsed.compactMap(\.alternativeLayer))).sorted()
        var layerIndex: [Layer: Int] = [:]
        for (i, layer) in layers.enumerated() { layerIndex[layer] = i }
        let lastLinkYear = parsed.map { $0.end ?? $0.start }.max() ?? 0
        let years = declaredYears ?? (parsed.map(\.start).min() ?? 0)...lastLinkYear
        var links: [Link] = []
        var spells: [TieSpell] = []
        links.reserveCapacity(parsed.count)
        for row in parsed {
            let layer = layerIndex[row.layer] ?? 0
            let alternative = row.alternativeLayer.flatMap { layerIndex[$0] }
            guard row.isSpell else {
                links.append(
                    Link(
                        source: row.source, target: row.target, year: row.start, layer: layer,
                        weight: row.weight, estimated: row.estimated, relError: row.relError,
                        alternativeLayer: alternative))
                continue
            }
            let end = row.end ?? years.upperBound
            for year in row.start...end {
                links.append(
                    Link(
                        source: row.source, target: row.target, year: year, layer: layer,
                        weight: row.weight, estimated: row.estimated, spell: spells.count,
                        relError: row.relError, alternativeLayer: alternative))
            }
            spells.append(
                TieSpell(
                    source: row.source, target: row.target, layer: layer, start: row.start, end: end,
                    dateUncertainty: row.dateUncertainty))
        }
        return Panel(
            places: places, layers: layers, links: links, years: years, directed: directed, spells: spells,
            weightDecimals: weightDecimals(linkRecords))
    }

    /// The most digits after the decimal point among the weight fields, at most
    /// 12; nil when a weight is written with an exponent (then no rounding).
    static func weightDecimals(_ records: [LinkRecord]) -> Int? {
        var most = 0
        for record in records {
            let text = trimmed(record.weight)
            if text.contains(where: { $0 == "e" || $0 == "E" }) { return nil }
            if let dot = text.firstIndex(of: ".") { most = max(most, text.distance(from: dot, to: text.endIndex) - 1) }
        }
        return min(most, 12)
    }

    /// A link row whose fields all passed, with its layer still by name:
    /// a link-year (`isSpell` false, `start` = the year) or a spell.
    private struct ParsedLink {
        var line: Int
        var source: Int
        var target: Int
        var isSpell: Bool
        var start: Int
        /// nil = active until the panel's last year (spells only).
        var end: Int?
        var layer: Layer
        var weight: Double
        var estimated: Bool
        var relError: Double?
        var dateUncertainty: Int
        var alternativeLayer: Layer?
    }

    /// Two spells of the same pair and layer (unordered pair on undirected
    /// panels) may not share a year; a spell may not share a year with a
    /// link-year row of its pair and layer either (link-year rows among
    /// themselves may repeat: they are summed).
    private static func checkOverlaps(_ rows: [ParsedLink], file: String, directed: Bool, issues: inout InputError) {
        struct TieKey: Hashable { var a: Int, b: Int, layer: Layer }
        var spellsByTie: [TieKey: [ParsedLink]] = [:]
        var yearRowsByTie: [TieKey: [ParsedLink]] = [:]
        for row in rows {
            let key =
                directed || row.source <= row.target
                ? TieKey(a: row.source, b: row.target, layer: row.layer)
                : TieKey(a: row.target, b: row.source, layer: row.layer)
            if row.isSpell { spellsByTie[key, default: []].append(row) } else { yearRowsByTie[key, default: []].append(row) }
        }
        for (key, spells) in spellsByTie {
            let ordered = spells.sorted { ($0.start, $0.line) < ($1.start, $1.line) }
            for (i, spell) in ordered.enumerated() {
                let end = spell.end ?? Int.max
                for other in ordered[(i + 1)...] where other.start <= end {
                    let first = min(spell.line, other.line)
                    let second = max(spell.line, other.line)
                    issues.append(
                        InputIssue(
                            file: file, line: second, field: "start",
                            message:
                                "overlapping spells of the same tie (\(key.layer.rawValue)): this spell starts in \(other.start),"
                                + " inside the spell on line \(first); end the earlier spell first or merge the rows"))
                }
                for row in yearRowsByTie[key] ?? [] where row.start >= spell.start && row.start <= end {
                    issues.append(
                        InputIssue(
                            file: file, line: row.line, field: "year",
                            message:
                                "year \(row.start) of the same tie (\(key.layer.rawValue)) is inside the spell on line"
                                + " \(spell.line); give the tie either as a spell or as link-year rows"))
                }
            }
        }
    }

    private static func validatedPlaces(
        _ records: [PlaceRecord], file: String,
        issues: inout InputError
    ) -> ([Place], [String: Int]) {
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
                report(
                    "scale",
                    "unknown scale '\(scaleText)' (allowed: \(allowed.joined(separator: ", ")))"
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
            places.append(
                Place(
                    id: id, name: name.isEmpty ? id : name, country: country,
                    kind: trimmed(record.kind), scale: scale, region: region,
                    latitude: latitude, longitude: longitude))
        }
        // Ids of rejected rows still count as known, so one bad place row does
        // not also make every link to it "unknown".
        for (id, _) in firstLine where index[id] == nil { index[id] = -1 }
        return (places, index)
    }

    private static func coordinate(
        _ text: String, field: String, limit: Double,
        report: (String, String) -> Void
    ) -> Double? {
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

    private static func validatedLinks(
        _ records: [LinkRecord], file: String, placeIndex: [String: Int],
        years: ClosedRange<Int>?, issues: inout InputError
    ) -> [ParsedLink] {
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
                    let hint =
                        issues.issues.count < InputError.cap
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
                report(
                    "target",
                    "self-loop: source and target are both '\(sourceID)'"
                        + " (a place does not cooperate with itself; remove the row)")
                valid = false
            }
            let time = linkTime(record, years: years, report: report)
            if time == nil { valid = false }
            let layerName = trimmed(record.layer)
            if !Layer.isValidName(layerName) {
                let builtIn = Layer.builtIn.map(\.rawValue)
                report(
                    "layer",
                    "'\(layerName)' is not a valid layer name (lowercase letters, digits and _,"
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
            var relError: Double? = nil
            if let text = record.relError.map(trimmed), !text.isEmpty {
                if let value = Double(text), value.isFinite, value >= 0 {
                    relError = value
                } else {
                    report("rel_error", "'\(text)' is not a relative error ≥ 0 (one standard deviation, 0.2 = ±20 %)")
                    valid = false
                }
            }
            var dateUncertainty = 0
            if let text = record.dateUncertainty.map(trimmed), !text.isEmpty {
                if let value = Int(text), value >= 0 {
                    dateUncertainty = value
                } else {
                    report("date_uncertainty", "'\(text)' is not a whole number of years ≥ 0")
                    valid = false
                }
            }
            var alternativeLayer: Layer? = nil
            if let text = record.alternativeLayer.map(trimmed), !text.isEmpty {
                if Layer.isValidName(text) {
                    alternativeLayer = Layer(rawValue: text)
                } else {
                    report("alt_layer", "'\(text)' is not a valid layer name (lowercase letters, digits and _)")
                    valid = false
                }
            }
            if let time, !time.isSpell, dateUncertainty > 0 {
                // The bootstrap jitters spell starts; on a year row the value would be ignored silently.
                report(
                    "date_uncertainty",
                    "a start-date uncertainty belongs to a spell row (start, end); "
                        + "this row gives a year — write the tie as one spell row, or leave date_uncertainty empty")
                valid = false
            }
            guard valid, let source, let target, let weight, let time else { continue }
            links.append(
                ParsedLink(
                    line: record.line, source: source, target: target, isSpell: time.isSpell,
                    start: time.start, end: time.end, layer: Layer(rawValue: layerName),
                    weight: weight, estimated: estimated, relError: relError,
                    dateUncertainty: dateUncertainty, alternativeLayer: alternativeLayer))
        }
        return links
    }

    /// The row's time: a link-year (`year`) or a spell (`start`, optional `end`), checked against `years`.
    private static func linkTime(
        _ record: LinkRecord, years: ClosedRange<Int>?,
        report: (String, String) -> Void
    ) -> (isSpell: Bool, start: Int, end: Int?)? {
        let yearText = trimmed(record.year)
        let startText = record.start.map(trimmed) ?? ""
        let endText = record.end.map(trimmed) ?? ""
        func inYears(_ year: Int, _ field: String, _ what: String) -> Bool {
            guard let years, !years.contains(year) else { return true }
            report(field, "\(what) \(year) is outside the job's years \(years.lowerBound)–\(years.upperBound)")
            return false
        }
        if !yearText.isEmpty {
            if !startText.isEmpty || !endText.isEmpty {
                report(
                    startText.isEmpty ? "end" : "start",
                    "a row gives either 'year' (a link-year) or 'start'/'end' (a tie spell), not both")
                return nil
            }
            guard let year = Int(yearText) else {
                report("year", "'\(yearText)' is not an integer year")
                return nil
            }
            return inYears(year, "year", "year") ? (false, year, nil) : nil
        }
        guard !startText.isEmpty else {
            if !endText.isEmpty {
                report("start", "a spell needs its start year ('end' alone is not enough)")
            } else {
                report(
                    record.start == nil ? "year" : "start",
                    record.start == nil
                        ? "empty year"
                        : "empty year and start: give 'year' (a link-year) or 'start' (a tie spell)")
            }
            return nil
        }
        guard let start = Int(startText) else {
            report("start", "'\(startText)' is not an integer year")
            return nil
        }
        var end: Int? = nil
        if !endText.isEmpty {
            guard let value = Int(endText) else {
                report("end", "'\(endText)' is not an integer year (empty = still active at the panel's last year)")
                return nil
            }
            guard value >= start else {
                report("end", "end \(value) is before start \(start)")
                return nil
            }
            end = value
        }
        guard inYears(start, "start", "start"), end.map({ inYears($0, "end", "end") }) ?? true else { return nil }
        return (true, start, end)
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
    package static func trimmed(_ text: String) -> String {
        let isBlank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
            let last = scalars.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
