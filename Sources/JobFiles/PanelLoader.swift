import CooperationNetwork
import Foundation

/// Loads a `Panel` from the bytes of places.csv and links.csv.
///
/// Works from bytes, not paths, so that the coordinator and the workers
/// (which receive the files over the network) parse and validate with the same
/// code. Columns and rules: docs/JOB_SPEC.md and `PanelValidation`.
package enum PanelLoader {
    /// Required columns of places.csv, in the documented order.
    package static let placeColumns = ["id", "name", "country", "kind", "scale", "region", "lat", "lon"]
    /// Required columns of links.csv, besides the time columns: `year` (a
    /// link-year row) or `start` and optional `end` (a tie spell), at least one of them.
    package static let linkColumns = ["source", "target", "layer", "weight"]
    /// Optional columns of links.csv (absent `estimated` = every link is sourced;
    /// docs/JOB_SPEC.md for the others).
    package static let optionalLinkColumns = [
        "year", "start", "end", "estimated", "rel_error", "date_uncertainty",
        "alt_layer",
    ]

    /// Parses and validates both files.
    ///
    /// - Parameters:
    ///   - placesName, linksName: how issues name the files (e.g. the path the user gave).
    ///   - years: the declared range; nil = from the smallest to the largest link year.
    ///   - directed: whether links are arcs source → target.
    /// - Throws: `InputError` listing every issue (up to `InputError.cap`): the
    ///   structure of both files first (encoding, header, field counts), then
    ///   the fields, file by file in line order.
    package static func load(
        placesCSV: Data, placesName: String, linksCSV: Data, linksName: String,
        years: ClosedRange<Int>?, directed: Bool
    ) throws -> Panel {
        var issues = InputError()
        let places = table(placesCSV, file: placesName, required: placeColumns, optional: [], issues: &issues)
        let links = table(
            linksCSV, file: linksName, required: linkColumns, optional: optionalLinkColumns,
            issues: &issues)
        guard let (placeDocument, placeColumns) = places, let (linkDocument, linkColumns) = links else {
            try issues.throwIfAny()
            throw InputError(file: placesName, "cannot read the panel")  // unreachable: table() reported why
        }
        let placeRecords = placeDocument.records.map { record in
            let f = record.fields
            return PlaceRecord(
                line: record.line, id: placeColumns["id", f], name: placeColumns["name", f],
                country: placeColumns["country", f], kind: placeColumns["kind", f],
                scale: placeColumns["scale", f], region: placeColumns["region", f],
                latitude: placeColumns["lat", f], longitude: placeColumns["lon", f])
        }
        if !linkColumns.has("year") && !linkColumns.has("start") {
            issues.append(
                InputIssue(
                    file: linksName, line: 1, field: "year",
                    message:
                        "missing time column: the header needs 'year' (link-year rows) or 'start' and 'end' (tie spells)"))
            try issues.throwIfAny()
        }
        let linkRecords = linkDocument.records.map { record in
            let f = record.fields
            return LinkRecord(
                line: record.line, source: linkColumns["source", f], target: linkColumns["target", f],
                year: linkColumns["year", f], layer: linkColumns["layer", f],
                weight: linkColumns["weight", f], estimated: linkColumns.value("estimated", in: f),
                start: linkColumns.value("start", in: f), end: linkColumns.value("end", in: f),
                relError: linkColumns.value("rel_error", in: f),
                dateUncertainty: linkColumns.value("date_uncertainty", in: f),
                alternativeLayer: linkColumns.value("alt_layer", in: f))
        }
        let panel: Panel
        do {
            panel = try PanelValidation.panel(
                places: placeRecords, placesFile: placesName,
                links: linkRecords, linksFile: linksName,
                years: years, directed: directed)
        } catch let error as InputError {
            issues.append(contentsOf: error)
            throw issues
        }
        try issues.throwIfAny()
        return panel
    }

    /// The document and its columns, or nil when the file cannot be used at
    /// all (bad encoding, no header, a missing or duplicated column, no data rows).
    private static func table(
        _ data: Data, file: String, required: [String], optional: [String],
        issues: inout InputError
    ) -> (CSVDocument, CSVColumns)? {
        let document: CSVDocument
        do {
            document = try CSVDocument.parse(data, file: file, issues: &issues)
        } catch let error as InputError {
            issues.append(contentsOf: error)
            return nil
        } catch {
            issues.append(InputIssue(file: file, message: "cannot read: \(error)"))
            return nil
        }
        guard
            let columns = CSVColumns.locate(
                document.header, required: required, optional: optional,
                file: file, issues: &issues)
        else { return nil }
        if document.records.isEmpty {
            if issues.issues.allSatisfy({ $0.file != file }) {
                issues.append(InputIssue(file: file, line: 1, message: "no data rows: the file has only a header"))
            }
            return nil
        }
        return (document, columns)
    }
}
