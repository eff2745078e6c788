import CSV
import Foundation

/// Writes places.csv and links.csv of the job (LF line endings, UTF-8), after
/// checking what the loader requires (known ids, no self-loops, finite weights ≥ 0,
/// no two rows of one pair and layer covering the same year) and that every
/// `event_ref` resolves to a fact row of the row's pair (`TraceIndex`). Nothing is
/// written if a check fails; each file is written atomically.
struct JobOutput {
    static let placeColumns = [
        "id", "name", "country", "kind", "scale", "region", "lat", "lon",
        "name_local", "source", "confidence", "note",
    ]
    static let linkColumns = [
        "source", "target", "year", "start", "end", "layer", "weight", "estimated", "rel_error",
        "date_uncertainty", "alt_layer", "basis", "event_ref",
    ]
    static let scales: Set<String> = ["national", "regional", "local"]

    let placesCSV: Data
    let linksCSV: Data
    let placeCount: Int

    /// Builds both files in memory from the facts' places table and the links.
    init(places table: CSVTable, links: [JobLink], years: ClosedRange<Int>, trace: TraceIndex) throws {
        var rowsByID: [String: CSVTable.Row] = [:]
        for row in table.rows {
            let id = row["id"]
            if rowsByID[id] != nil {
                throw BuildError(file: table.file, line: row.line, "duplicate place id '\(id)'")
            }
            rowsByID[id] = row
        }
        var used = Set<String>()
        var covered = Set<String>()
        for link in links {
            let label = "\(link.pair) (\(link.layer), from \(link.firstYear))"
            for id in [link.pair.first, link.pair.second] where rowsByID[id] == nil {
                throw BuildError(file: table.file, "place '\(id)' is used by the link \(label) but not listed")
            }
            guard !link.pair.isSelfLoop else {
                throw BuildError(file: "links.csv", "self-loop \(label)")
            }
            guard link.weight.isFinite, link.weight >= 0 else {
                throw BuildError(file: "links.csv", "weight \(link.weight) of \(label)")
            }
            guard !link.refs.isEmpty else {
                throw BuildError(file: "links.csv", "\(label) has no fact row behind it")
            }
            for ref in link.refs {
                if let problem = trace.problem(ref, pair: link.pair) {
                    throw BuildError(file: "links.csv", "\(label): event_ref \(problem)")
                }
            }
            for year in years where link.covers(year, last: years.upperBound) {
                guard covered.insert("\(link.pair.first)|\(link.pair.second)|\(link.layer)|\(year)").inserted else {
                    throw BuildError(file: "links.csv", "two rows of \(link.pair) on \(link.layer) cover \(year)")
                }
            }
            used.insert(link.pair.first)
            used.insert(link.pair.second)
        }

        var placeRows: [[String]] = []
        for row in table.rows where used.contains(row["id"]) {
            guard Self.scales.contains(row["scale"]) else {
                throw BuildError(file: table.file, line: row.line, "column 'scale': '\(row["scale"])' is not national, regional or local")
            }
            let lat = try table.double(row, "lat")
            let lon = try table.double(row, "lon")
            guard (-90...90).contains(lat), (-180...180).contains(lon) else {
                throw BuildError(file: table.file, line: row.line, "coordinates out of range")
            }
            placeRows.append([
                row["id"], row["name_en"], row["country"], row["kind"], row["scale"], row["region"],
                row["lat"], row["lon"], row["name_local"], row["source"], row["confidence"], row["note"],
            ])
        }

        let sorted = links.sorted {
            ($0.firstYear, $0.layer, $0.pair.first, $0.pair.second) < ($1.firstYear, $1.layer, $1.pair.first, $1.pair.second)
        }
        let linkRows = sorted.map { link -> [String] in
            var year = ""
            var start = ""
            var end = ""
            switch link.time {
            case .year(let y): year = String(y)
            case .spell(let s, let e):
                start = String(s)
                end = e.map(String.init) ?? ""
            }
            return [
                link.pair.first, link.pair.second, year, start, end, link.layer,
                String(format: "%.6f", link.weight), link.estimated ? "true" : "false",
                link.relError.map { String(format: "%.3f", $0) } ?? "",
                link.dateUncertainty.map(String.init) ?? "", link.altLayer, link.basis,
                link.refs.joined(separator: ";"),
            ]
        }
        placesCSV = try Self.csv(header: Self.placeColumns, rows: placeRows)
        linksCSV = try Self.csv(header: Self.linkColumns, rows: linkRows)
        placeCount = placeRows.count
    }

    /// Writes both files into `directory` (each atomically: temporary name, then rename).
    func write(to directory: URL) throws {
        for (name, data) in [("places.csv", placesCSV), ("links.csv", linksCSV)] {
            let url = directory.appendingPathComponent(name)
            do {
                try data.write(to: url, options: .atomic)
            } catch {
                throw BuildError(file: url.path, "cannot write (\(error.localizedDescription))")
            }
        }
    }

    /// RFC 4180 quoting via CSV.swift, LF line endings, a final newline.
    private static func csv(header: [String], rows: [[String]]) throws -> Data {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream, newline: .lf)
        try writer.write(row: header)
        for row in rows { try writer.write(row: row) }
        guard var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw BuildError(file: "<memory>", "CSV writer produced no data")
        }
        stream.close()
        data.append(0x0A)
        return data
    }
}
