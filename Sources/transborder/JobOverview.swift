import Analysis
import ArgumentParser
import ClusterProtocol
import CooperationNetwork
import Foundation
import JobFiles
import Reports

/// `--format` of the commands that print a summary for people or for scripts (`prettyJSON`).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// What `validate` tells about a valid job beyond "it is valid": the data's shape
/// (places per country and region, years, link rows and pairs per layer, the bounding
/// box, the share of estimated weights) and warnings. The JSON form is one object
/// with snake_case keys (docs/JOB_SPEC.md, "validate").
struct JobOverview: Encodable {
    struct LayerCount: Encodable {
        var layer: String
        /// link-year rows of the layer.
        var rows: Int
        /// Distinct pairs (arcs when directed) with at least one row.
        var pairs: Int
    }

    var spec: String
    var job: String
    var valid = true
    var places: Int
    var placesByCountry: [String: Int]
    var placesByRegion: [String: Int]
    var years: [Int]
    var yearCount: Int
    var directed: Bool
    var linkRows: Int
    var layers: [LayerCount]
    /// `[west, south, east, north]` over the places, degrees.
    var boundingBox: [Double]
    var estimatedRows: Int
    var estimatedShare: Double
    var scenarios: Int
    var yearsWithoutLinks: [Int]
    var coordinateWarnings: [CoordinateCheck.Warning]
    /// Every warning as printed on stderr by the text form.
    var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case spec, job, valid, places, years, directed, layers, scenarios, warnings
        case placesByCountry = "places_by_country"
        case placesByRegion = "places_by_region"
        case yearCount = "year_count"
        case linkRows = "link_rows"
        case boundingBox = "bounding_box"
        case estimatedRows = "estimated_rows"
        case estimatedShare = "estimated_share"
        case yearsWithoutLinks = "years_without_links"
        case coordinateWarnings = "coordinate_warnings"
    }

    init(_ loaded: LoadedJob) {
        let panel = loaded.panel
        spec = loaded.directory.specPath
        job = loaded.spec.name
        places = panel.places.count
        placesByCountry = Dictionary(grouping: panel.places, by: \.country).mapValues(\.count)
        placesByRegion = Dictionary(grouping: panel.places, by: \.region).mapValues(\.count)
        years = [panel.years.lowerBound, panel.years.upperBound]
        yearCount = panel.yearCount
        directed = panel.directed
        linkRows = panel.links.count
        layers = panel.layers.indices.map { l in
            let rows = panel.links.filter { $0.layer == l }
            let pairs = Set(rows.map { panel.directed ? [$0.source, $0.target] : [min($0.source, $0.target), max($0.source, $0.target)] })
            return LayerCount(layer: panel.layers[l].rawValue, rows: rows.count, pairs: pairs.count)
        }
        boundingBox = [
            panel.places.map(\.longitude).min() ?? 0, panel.places.map(\.latitude).min() ?? 0,
            panel.places.map(\.longitude).max() ?? 0, panel.places.map(\.latitude).max() ?? 0,
        ]
        estimatedRows = panel.links.filter(\.estimated).count
        estimatedShare = panel.links.isEmpty ? 0 : Double(estimatedRows) / Double(panel.links.count)
        scenarios = Scenario.planned(by: loaded.spec.sensitivity, panel: panel).count
        yearsWithoutLinks = panel.years.filter { panel.links(in: $0).isEmpty }
        coordinateWarnings = CoordinateCheck.warnings(panel)
        warnings =
            (yearsWithoutLinks.isEmpty
                ? []
                : [
                    "\(yearsWithoutLinks.count) year(s) without any link: "
                        + yearsWithoutLinks.map(String.init).joined(separator: ", ")
                ])
            + coordinateWarnings.map { "\(loaded.directory.dataPath(loaded.spec.places)): \($0.message)" }
    }

    /// Lines added to the text summary.
    func textLines() -> [String] {
        func fixed(_ x: Double) -> String { String(format: "%.2f", x) }
        let regions = placesByRegion.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let perLayer = layers.map { "\($0.layer) \($0.rows) rows/\($0.pairs) pairs" }.joined(separator: ", ")
        let box = boundingBox
        return [
            "  by region  \(regions)",
            "  by layer   \(perLayer)",
            "  extent     \(fixed(box[1]))…\(fixed(box[3])) N, \(fixed(box[0]))…\(fixed(box[2])) E",
            "  estimated  \(estimatedRows) of \(linkRows) link rows (\(String(format: "%.1f", estimatedShare * 100)) %)",
        ]
    }

    func json() -> String { prettyJSON(self) }
}

/// `--format json` output: indented, keys sorted, slashes unescaped.
func prettyJSON(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
}
