/// What a reading does with its fact row (RULES.md section 2).
enum ReadingKind: String {
    /// The port, facility, service or park works from the row's year: a tie starts.
    case opens
    /// An agreement, approval, designation, concept or policy: a tie starts on the object's layer.
    case act
    /// The row shows a tie that already exists: attached to its `event_ref`, no weight.
    case confirms
    /// No tie.
    case note
}

/// The reading of one fact row, from `event_readings.csv` or `volume_readings.csv`.
struct Reading {
    let kind: ReadingKind
    let object: String
    /// Empty for a note.
    let layer: String
    /// The layer under the alternative reading (RULES.md section 6); empty = not ambiguous.
    let altLayer: String
    /// The tie's last year when a row dates it (a term, an interruption).
    let end: Int?
    /// The row whose tie replaces this one: this tie ends the year before it.
    let supersededBy: FactEvent.Key?
    /// For volume readings: the start the row states (e.g. "since 1993"); nil = the row's year.
    let start: Int?
    let dateUncertainty: Int
    /// Where the reading is, for error messages.
    let file: String
    let line: Int

    /// Reads the columns both reading tables share and checks them against the object rule.
    static func parse(_ table: CSVTable, _ row: CSVTable.Row) throws -> Reading {
        func fail(_ column: String, _ message: String) -> BuildError {
            BuildError(file: table.file, line: row.line, "column '\(column)': \(message)")
        }
        guard let kind = ReadingKind(rawValue: row["reading"]) else {
            throw fail("reading", "'\(row["reading"])' is not one of opens, act, confirms, note")
        }
        let object = row["object"]
        let layer = row["layer"]
        let alt = row["alt_layer"]
        switch kind {
        case .opens, .act:
            guard let ruled = ObjectRule.layer(kind, object: object) else {
                throw fail("object", "'\(object)' is not an object a row read '\(kind.rawValue)' can have")
            }
            guard ruled == layer else {
                throw fail("layer", "'\(layer)', but the object rule puts an \(kind.rawValue) about '\(object)' on \(ruled)")
            }
        case .confirms:
            guard LinkLayer.all.contains(layer) else { throw fail("layer", "'\(layer)' is not a layer") }
        case .note:
            guard layer.isEmpty, alt.isEmpty else { throw fail("layer", "a note makes no tie, so it has no layer") }
        }
        if !alt.isEmpty {
            guard kind == .act || kind == .opens, LinkLayer.all.contains(alt), alt != layer,
                alt != LinkLayer.trade, layer != LinkLayer.trade
            else {
                throw fail("alt_layer", "'\(alt)' is not another non-trade layer for a tie of this row")
            }
        }
        let end = try optionalInt(table, row, "end")
        var superseded: FactEvent.Key?
        if table.header.contains("superseded_by"), !row["superseded_by"].isEmpty {
            guard let key = FactEvent.Key(piped: row["superseded_by"]) else {
                throw fail("superseded_by", "'\(row["superseded_by"])' is not year|event_type|from_id|to_id")
            }
            superseded = key
        }
        if end != nil || superseded != nil {
            guard kind == .opens || kind == .act else { throw fail("end", "only a tie (opens, act) can end") }
            guard !(end != nil && superseded != nil) else { throw fail("end", "give end or superseded_by, not both") }
            guard layer != LinkLayer.trade else { throw fail("end", "a port pair carries trade to the panel's end") }
        }
        let start = table.header.contains("start") ? try optionalInt(table, row, "start") : nil
        if start != nil && kind != .opens { throw fail("start", "only an opening can state its start") }
        let uncertainty = try optionalInt(table, row, "date_uncertainty") ?? 0
        guard uncertainty >= 0 else { throw fail("date_uncertainty", "must be ≥ 0") }
        guard uncertainty == 0 || layer != LinkLayer.trade else {
            throw fail("date_uncertainty", "trade rows are link-years and carry no date uncertainty")
        }
        return Reading(
            kind: kind, object: object, layer: layer, altLayer: alt, end: end, supersededBy: superseded,
            start: start, dateUncertainty: uncertainty, file: table.file, line: row.line)
    }

    private static func optionalInt(_ table: CSVTable, _ row: CSVTable.Row, _ column: String) throws -> Int? {
        guard table.header.contains(column), !row[column].isEmpty else { return nil }
        return try table.int(row, column)
    }
}

/// The readings of both tables, matched one-to-one with the fact rows they read.
struct Readings {
    let events: [FactEvent.Key: Reading]
    let volumes: [FactVolume.Key: Reading]
    /// The pair a volume reading names (a volume row names one port only).
    let volumePairs: [FactVolume.Key: PlacePair]

    static let eventColumns = [
        "year", "event_type", "from_id", "to_id", "reading", "object", "layer", "alt_layer",
        "end", "superseded_by", "date_uncertainty", "reason",
    ]
    static let volumeColumns = [
        "year", "port_id", "unit", "reading", "object", "from_id", "to_id", "layer", "start",
        "date_uncertainty", "reason",
    ]

    /// Fails when a fact row has no reading, a reading names no fact row, a key is read
    /// twice, or a `superseded_by` names no event row.
    init(
        events eventTable: CSVTable, _ events: [FactEvent], eventsFile: String,
        volumes volumeTable: CSVTable, _ volumes: [FactVolume], volumesFile: String
    ) throws {
        let known = Set(events.map(\.key))
        var byEvent: [FactEvent.Key: Reading] = [:]
        for row in eventTable.rows {
            let key = FactEvent.Key(
                year: try eventTable.int(row, "year"), eventType: row["event_type"],
                fromID: row["from_id"], toID: row["to_id"])
            guard known.contains(key) else {
                throw BuildError(file: eventTable.file, line: row.line, "no row of \(eventsFile) has the key \(key)")
            }
            guard byEvent[key] == nil else {
                throw BuildError(file: eventTable.file, line: row.line, "the key \(key) is read twice")
            }
            let reading = try Reading.parse(eventTable, row)
            if let next = reading.supersededBy, !known.contains(next) {
                throw BuildError(
                    file: eventTable.file, line: row.line,
                    "column 'superseded_by': no row of \(eventsFile) has the key \(next)")
            }
            byEvent[key] = reading
        }
        for event in events where byEvent[event.key] == nil {
            throw BuildError(file: eventsFile, line: event.line, "no reading in \(eventTable.file) for \(event.key)")
        }

        let knownVolumes = Set(volumes.map(\.key))
        var byVolume: [FactVolume.Key: Reading] = [:]
        var pairs: [FactVolume.Key: PlacePair] = [:]
        for row in volumeTable.rows {
            let key = FactVolume.Key(year: try volumeTable.int(row, "year"), portID: row["port_id"], unit: row["unit"])
            guard knownVolumes.contains(key) else {
                throw BuildError(file: volumeTable.file, line: row.line, "no row of \(volumesFile) has the key \(key)")
            }
            guard byVolume[key] == nil else {
                throw BuildError(file: volumeTable.file, line: row.line, "the key \(key) is read twice")
            }
            let reading = try Reading.parse(volumeTable, row)
            let pair = PlacePair(row["from_id"], row["to_id"])
            if reading.kind != .note {
                guard pair.first == key.portID || pair.second == key.portID else {
                    throw BuildError(
                        file: volumeTable.file, line: row.line,
                        "columns 'from_id', 'to_id': the pair does not include the row's port '\(key.portID)'")
                }
                guard !pair.isSelfLoop else {
                    throw BuildError(file: volumeTable.file, line: row.line, "from_id equals to_id")
                }
            }
            byVolume[key] = reading
            pairs[key] = pair
        }
        for volume in volumes where byVolume[volume.key] == nil {
            throw BuildError(file: volumesFile, line: volume.line, "no reading in \(volumeTable.file) for \(volume.key)")
        }
        self.events = byEvent
        self.volumes = byVolume
        self.volumePairs = pairs
    }
}
