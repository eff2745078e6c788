import Analysis
@testable import Reports
import AtomicOutput
import CooperationNetwork
import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import XCTest

/// A synthetic job run end to end (as DeterminismTests does), with place names
/// in several scripts and with markup characters, and trade links of the
/// first three years flagged as estimates.
enum ReportTestJob {
    static let heihe = "黑河 & <Heihe>"
    static let blagoveshchensk = "Благовещенск \"Blago\" 'B'"

    static let outcome: Result<(results: JobResults, files: [OutputFile]), any Error> = Result {
        var generator = SyntheticPanel(places: 24, years: 20, stages: 2, noise: 0.2, seed: 11)
        generator.replicates = 12
        generator.scenarios = true
        var spec = generator.spec()
        spec.bootstrap.batchSize = 5
        spec.sensitivity.replicates = 3
        let synthetic = generator.panel()
        var places = synthetic.places
        places[0].name = heihe
        places[12].name = blagoveshchensk
        let trade = synthetic.layers.firstIndex(of: .trade)
        let links = synthetic.links.map { link -> Link in
            var copy = link
            copy.estimated = link.layer == trade && link.year < generator.firstYear + 3
            return copy
        }
        let panel = Panel(places: places, layers: synthetic.layers, links: links, years: synthetic.years)
        let job = JobAnalysis(panel: panel, spec: spec)
        var aggregation = Aggregation(job: job)
        for index in 0..<job.taskCount { try aggregation.fold(job.execute(task: index)) }
        let results = try JobResults(aggregation: aggregation)
        return (results, try OutputSet.files(results))
    }

    static func results() throws -> JobResults { try outcome.get().results }

    static func file(_ name: String) throws -> Data {
        guard let file = try outcome.get().files.first(where: { $0.name == name }) else {
            throw XCTSkip("OutputSet has no \(name)")
        }
        return file.data
    }
}

/// A minimal DOM built by Foundation's XMLParser: parsing fails on any
/// markup that is not well-formed XML.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// All descendants (self included) in document order.
    var all: [XMLNode] { [self] + children.flatMap(\.all) }

    /// Character data of the node and its descendants.
    var allText: String { text + children.map(\.allText).joined() }

    func elements(_ name: String, class className: String? = nil) -> [XMLNode] {
        all.filter { node in
            node.name == name
                && (className.map { c in (node.attributes["class"] ?? "").split(separator: " ").contains { $0 == c } } ?? true)
        }
    }

    static func parse(_ data: Data) throws -> XMLNode {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw NSError(
                domain: "XMLNode", code: 1,
                userInfo: [
                    NSLocalizedDescriptionKey: "not well-formed at line \(parser.lineNumber): \(String(describing: parser.parserError))"
                ])
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            let node = XMLNode(name: elementName, attributes: attributes)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
            qualifiedName: String?
        ) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}

final class ReportOutputTests: XCTestCase {
    func report() throws -> (text: String, root: XMLNode) {
        let data = try ReportTestJob.file("report.html")
        return (String(decoding: data, as: UTF8.self), try XMLNode.parse(data))
    }

    func testReportIsWellFormedWithOneSVGPerChartMapAndTimeline() throws {
        let results = try ReportTestJob.results()
        let (text, root) = try report()
        XCTAssertTrue(text.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""))
        XCTAssertEqual(root.name, "html")
        XCTAssertEqual(root.elements("meta").first?.attributes["charset"], "utf-8")
        XCTAssertEqual(root.elements("svg", class: "timeline").count, 1)
        // One chart per indicator, the layer intensities and the penalty path.
        XCTAssertEqual(root.elements("svg", class: "chart").count, results.series.columns.count + 2)
        XCTAssertEqual(root.elements("svg", class: "layer-intensities").count, 1)
        XCTAssertEqual(root.elements("svg", class: "penalty-path").count, 1)
        XCTAssertEqual(root.elements("svg", class: "map").count, results.periodization.stages.count)
        XCTAssertEqual(root.elements("svg", class: "label-shares").count, 1)
        for svg in root.elements("svg") {
            XCTAssertEqual(svg.attributes["xmlns"], "http://www.w3.org/2000/svg")
            XCTAssertNotNil(svg.attributes["viewBox"])
            XCTAssertFalse(svg.elements("title").isEmpty, "every SVG has an accessible title")
        }
        for id in ["stages", "indicators", "maps", "labels", "sensitivity", "estimated"] {
            XCTAssertEqual(root.all.filter { $0.attributes["id"] == id }.count, 1, "section \(id)")
        }
        // Only HTML void elements and SVG shapes close themselves: an HTML parser reads `<span/>` as an open tag.
        let selfClosed = try NSRegularExpression(pattern: "<([a-zA-Z]+)[^<>]*/>")
        let names = selfClosed.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
        XCTAssertFalse(names.isEmpty)
        XCTAssertEqual(Set(names).subtracting(HTMLText.selfClosing), [])
        // Every number drawn is finite.
        XCTAssertFalse(text.contains("NaN"))
        XCTAssertFalse(text.contains("inf\""))
    }

    func testReportNeedsNoNetwork() throws {
        let (text, root) = try report()
        for forbidden in ["<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import", "@font-face"] {
            XCTAssertFalse(text.contains(forbidden), "report.html contains \(forbidden)")
        }
        // The only URIs are the XHTML and SVG namespace names, which are never fetched.
        let uris = text.components(separatedBy: "http").dropFirst().map { "http" + $0.prefix(30) }
        for uri in uris {
            XCTAssertTrue(
                uri.hasPrefix("http://www.w3.org/1999/xhtml\"") || uri.hasPrefix("http://www.w3.org/2000/svg\""),
                "unexpected URI \(uri)")
        }
        XCTAssertEqual(root.elements("style").count, 1)
    }

    func testPeriodsAgreeAcrossPeriodsJSONReportAndGeoJSON() throws {
        let periodsJSON = try JSONSerialization.jsonObject(with: ReportTestJob.file("periods.json")) as? [String: Any]
        let periods = try XCTUnwrap(periodsJSON?["periods"] as? [[String: Any]])
        XCTAssertFalse(periods.isEmpty)

        let rows = try report().root.elements("tr", class: "period")
        XCTAssertEqual(rows.count, periods.count)
        let geojson = try JSONSerialization.jsonObject(with: ReportTestJob.file(GeoJSONOutput.linksFileName)) as? [String: Any]
        let features = try XCTUnwrap(geojson?["features"] as? [[String: Any]])
        let linkProperties = features.compactMap { $0["properties"] as? [String: Any] }.filter { $0["feature"] as? String == "link" }

        for (period, row) in zip(periods, rows) {
            let stage = try XCTUnwrap(period["stage"] as? Int)
            let start = try XCTUnwrap(period["start"] as? Int)
            let end = try XCTUnwrap(period["end"] as? Int)
            let name = try XCTUnwrap(period["name"] as? String)
            XCTAssertEqual(row.attributes["data-stage"], String(stage))
            XCTAssertEqual(row.attributes["data-start"], String(start))
            XCTAssertEqual(row.attributes["data-end"], String(end))
            XCTAssertEqual(row.elements("td", class: "name").first?.allText, name)
            // The 95% interval in the table is periods.json's start_interval95.
            let cells = row.elements("td")
            if let interval = period["start_interval95"] as? [Int] {
                XCTAssertEqual(cells[10].allText, "\(interval[0])–\(interval[1])")
            } else {
                XCTAssertEqual(cells[10].allText, "—")
            }
            // Label probability and runner-up are periods.json's.
            if let probability = period["label_probability"] as? Double {
                XCTAssertEqual(cells[5].allText, String(format: "%.2f", probability))
            }
            if let runner = period["runner_up"] as? String, !runner.isEmpty {
                XCTAssertTrue(cells[6].allText.hasPrefix(runner), cells[6].allText)
            }
            let ofStage = linkProperties.filter { $0["stage"] as? Int == stage }
            XCTAssertFalse(ofStage.isEmpty, "stage \(stage) has links in the GeoJSON")
            for properties in ofStage {
                XCTAssertEqual(properties["stage_start"] as? Int, start)
                XCTAssertEqual(properties["stage_end"] as? Int, end)
                XCTAssertEqual(properties["stage_name"] as? String, name)
            }
        }
        XCTAssertEqual(Set(linkProperties.compactMap { $0["stage"] as? Int }), Set(periods.compactMap { $0["stage"] as? Int }))
    }

    func testPlaceNamesAreEscapedAndSurviveParsing() throws {
        let (text, root) = try report()
        XCTAssertTrue(text.contains("黑河 &amp; &lt;Heihe&gt;"))
        XCTAssertTrue(text.contains("Благовещенск &quot;Blago&quot; &#39;B&#39;"))
        XCTAssertFalse(text.contains("<Heihe>"))
        let titles = root.elements("svg", class: "map").flatMap { $0.elements("title") }.map(\.allText)
        XCTAssertTrue(titles.contains { $0.hasPrefix(ReportTestJob.heihe + " (CN") })
        XCTAssertTrue(titles.contains { $0.hasPrefix(ReportTestJob.blagoveshchensk + " (RU") })
    }

    func testEstimatedValuesAreCountedByYearAndLayer() throws {
        let results = try ReportTestJob.results()
        let panel = results.job.panel
        let root = try report().root
        let estimated = panel.links.filter(\.estimated)
        XCTAssertFalse(estimated.isEmpty)
        let summary = try XCTUnwrap(root.elements("p", class: "estimated-summary").first)
        XCTAssertEqual(summary.attributes["data-count"], String(estimated.count))
        let rows = root.elements("tr", class: "estimated-years")
        var years: [Int] = []
        for row in rows {
            let first = try XCTUnwrap(Int(row.attributes["data-first"] ?? ""))
            let last = try XCTUnwrap(Int(row.attributes["data-last"] ?? ""))
            let cells = row.elements("td").map(\.allText)
            for year in first...last {
                years.append(year)
                XCTAssertEqual(cells.last, String(estimated.filter { $0.year == year }.count), "total of \(year)")
            }
        }
        XCTAssertEqual(years, Array(Set(estimated.map(\.year))).sorted())
        // The timeline marks the same years.
        let marked = root.elements("svg", class: "timeline").flatMap { $0.elements("rect", class: "estimated-year") }
        XCTAssertEqual(marked.count, years.count)
    }

    func testSensitivityTableMatchesTheCSVs() throws {
        func table(_ name: String) throws -> [[String]] {
            let text = String(decoding: try ReportTestJob.file(name), as: UTF8.self)
            return text.split(separator: "\n").dropFirst()
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let scenarios = try table("sensitivity_by_region.csv")
        let stages = try table("sensitivity_stages.csv")
        let shifts = try table("sensitivity_shifts.csv")
        let rows = try report().root.elements("tr", class: "scenario")
        XCTAssertEqual(rows.count, scenarios.count)
        XCTAssertGreaterThan(rows.count, 1)
        for (row, fields) in zip(rows, scenarios) {
            let cells = row.elements("td").map(\.allText)
            let id = fields[0]
            XCTAssertEqual(row.attributes["data-scenario"], id)
            XCTAssertEqual(cells[1], fields[3], "stages")
            let own = stages.filter { $0[0] == id }
            XCTAssertEqual(own.count, Int(fields[3]), "one sensitivity_stages row per stage of \(id)")
            XCTAssertEqual(cells[2], own.dropFirst().map { $0[2] }.joined(separator: ", "), "transitions")
            let shiftTexts = shifts.filter { $0[0] == id }.map { s in Int(s[4]).map { $0 > 0 ? "+\($0)" : String($0) } ?? "NA" }
            XCTAssertEqual(cells[3], shiftTexts.joined(separator: ", "), "shifts")
            let ari = try XCTUnwrap(Double(fields[4]))
            XCTAssertEqual(cells[4], HTMLText.fixed(ari, digits: 3), "ARI")
        }
        // Every output CSV holds scalar fields only: no list joined with ';' outside quoted names.
        for name in [
            "periods.csv", "breakpoints.csv", "transitions.csv", "sensitivity_by_region.csv",
            "sensitivity_stages.csv", "sensitivity_shifts.csv", "penalty_path.csv", "core_places_by_period.csv",
        ] {
            let text = String(decoding: try ReportTestJob.file(name), as: UTF8.self)
            let unquoted = text.split(separator: "\"").enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined()
            XCTAssertFalse(unquoted.contains(";"), "\(name) has a list column")
        }
    }

    func testIndicatorChartsHaveBaselineBandStagesAndLabelledAxes() throws {
        let results = try ReportTestJob.results()
        let figures = try report().root.elements("figure", class: "indicator")
        XCTAssertEqual(figures.map { $0.attributes["data-indicator"] ?? "" }, results.series.columns)
        for figure in figures {
            let svg = try XCTUnwrap(figure.elements("svg").first)
            let baseline = try XCTUnwrap(svg.elements("polyline", class: "baseline").first)
            XCTAssertEqual(baseline.attributes["points"]?.split(separator: " ").count, results.series.years.count)
            XCTAssertEqual(svg.elements("polygon", class: "band").count, 1)
            XCTAssertEqual(svg.elements("g", class: "whisker").count, results.periodization.transitionYears.count)
            let axisTitles = svg.elements("text", class: "axis-title").map(\.allText)
            XCTAssertEqual(axisTitles.first, "year")
            let column = figure.attributes["data-indicator"] ?? ""
            XCTAssertEqual(axisTitles.last, column == "reach_km" ? "km" : ReportOutput.describe(column).unit)
            if !ReportOutput.isUnbounded(column) { XCTAssertTrue(axisTitles.last?.hasSuffix("(0–1)") ?? false, column) }
        }
    }

    func testStageMapsDrawEveryPlaceAndEveryMergedLink() throws {
        let results = try ReportTestJob.results()
        let maps = try report().root.elements("svg", class: "map")
        for (map, network) in zip(maps, StageNetwork.all(results)) {
            XCTAssertEqual(map.elements("circle").count, results.job.panel.places.count)
            XCTAssertEqual(map.elements("g", class: "links").first?.elements("line").count, network.links.count)
        }
    }

    // MARK: - Parts

    func testFixedFormattingIsLocaleFreeAndNeverNegativeZero() {
        XCTAssertEqual(HTMLText.fixed(1.25, digits: 1), "1.3")
        XCTAssertEqual(HTMLText.fixed(-1.25, digits: 1), "-1.3")
        XCTAssertEqual(HTMLText.fixed(-0.0004, digits: 3), "0.000")
        XCTAssertEqual(HTMLText.fixed(0.05, digits: 3), "0.050")
        XCTAssertEqual(HTMLText.fixed(1999.6, digits: 0), "2000")
        XCTAssertEqual(HTMLText.fixed(.nan, digits: 2), "NaN")
        XCTAssertEqual(HTMLText.readable(0.00123), "0.00123")
        XCTAssertEqual(HTMLText.readable(0.5), "0.500")
        XCTAssertEqual(HTMLText.readable(1234.56), "1234.6")
    }

    func testEscapeRemovesCharactersXMLForbids() throws {
        XCTAssertEqual(HTMLText.escape("a\u{1}b\u{FFFF}\tc"), "a\u{FFFD}b\u{FFFD}\tc")
        var m = HTMLText()
        m.element("p", [("title", "<\"'&>")], text: "x < y & \u{0} z")
        let node = try XMLNode.parse(Data(m.text.utf8))
        XCTAssertEqual(node.attributes["title"], "<\"'&>")
        XCTAssertEqual(node.text, "x < y & \u{FFFD} z")
    }

    func testAxisTicksAreNiceAndCoverTheData() {
        let axis = SVGAxis(covering: [0.013, 0.47], from: 200, to: 0)
        XCTAssertEqual(axis.ticks.first, 0)
        XCTAssertEqual(axis.ticks.map { axis.label($0) }, ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5"])
        XCTAssertEqual(axis.position(axis.lower), 200)
        XCTAssertEqual(axis.position(axis.upper), 0)
        let flat = SVGAxis(covering: [3, 3], from: 100, to: 0)
        XCTAssertLessThan(flat.lower, 3)
        XCTAssertGreaterThan(flat.upper, 3)
        let years = SVGAxis(years: 1988, 2024, from: 0, to: 370)
        XCTAssertEqual(years.ticks, [1990, 1995, 2000, 2005, 2010, 2015, 2020])
        XCTAssertEqual(years.position(1987.5), 0)
        XCTAssertEqual(years.position(2024.5), 370, accuracy: 1e-9)
        XCTAssertEqual(SVGAxis.niceStep(0.3), 0.5)
        XCTAssertEqual(SVGAxis.niceStep(7), 10)
        XCTAssertEqual(SVGAxis.niceStep(2), 2)
    }

    func testBuiltInLayersKeepTheirColourInEveryPanel() {
        let place = Place(id: "a", name: "A", country: "CN", kind: "city", scale: .local, region: "R", latitude: 45, longitude: 130)
        func palette(_ layers: [Layer]) -> ReportPalette {
            ReportPalette(panel: Panel(places: [place], layers: layers, links: [], years: 2000...2001))
        }
        let full = palette(Layer.builtIn.sorted())
        let small = palette([.trade, .transportCorridor])
        XCTAssertEqual(full.layer(named: "trade"), small.layer(named: "trade"))
        XCTAssertEqual(full.layer(named: "transport_corridor"), small.layer(named: "transport_corridor"))
        XCTAssertEqual(Set(Layer.builtIn.map { full.layer(named: $0.rawValue) }).count, 4)
        let custom = palette([Layer(rawValue: "energy"), .trade, Layer(rawValue: "tourism")])
        XCTAssertEqual(custom.layer(named: "trade"), full.layer(named: "trade"))
        XCTAssertEqual(Set([custom.layer(0), custom.layer(1), custom.layer(2)]).count, 3)
        XCTAssertEqual(custom.label("tourism-based"), custom.layer(2))
        XCTAssertEqual(custom.label("unlabelled"), ReportPalette.unknown)
        XCTAssertEqual(custom.layer(named: ""), ReportPalette.unknown)
    }

    func testBandIsDrawnWithinTheIndicatorRange() throws {
        let chart = SVGLineChart(
            years: [2000, 2001, 2002], values: [0.2, 0.5, 0.4],
            band: (lower: [-0.4, 0.1, -0.2], upper: [0.6, 1.3, 0.7]), stages: [], transitions: [],
            unit: "share of weight (0–1)", title: "t", bounds: 0...1)
        let svg = try XMLNode.parse(Data(chart.svg().utf8))
        let tickLabels = svg.elements("text").filter { $0.attributes["class"] == nil }.map(\.allText)
        XCTAssertEqual(tickLabels, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "2000", "2001", "2002"])
        let unclamped = SVGLineChart(
            years: [2000, 2001], values: [0.2, 0.5], band: (lower: [-0.4, 0.1], upper: [0.6, 0.9]),
            stages: [], transitions: [], unit: "km", title: "t")
        let labels = try XMLNode.parse(Data(unclamped.svg().utf8)).elements("text").map(\.allText)
        XCTAssertTrue(labels.contains { $0.hasPrefix("-") }, "without bounds the axis reaches below 0")
    }

    func testMapProjectionIsEquirectangularAtTheMiddleLatitude() throws {
        let results = try ReportTestJob.results()
        let panel = results.job.panel
        let frame = SVGStageMap.Frame(places: panel.places)
        let map = SVGStageMap(
            network: StageNetwork.all(results)[0], panel: panel, frame: frame,
            palette: ReportPalette(panel: panel), maxPageRank: 1, maxWeightByLayer: [1, 1, 1, 1])
        let phi0 = (frame.south + frame.north) / 2
        let a = map.project(longitude: 130, latitude: 45)
        let b = map.project(longitude: 131, latitude: 45)
        let c = map.project(longitude: 130, latitude: 46)
        XCTAssertGreaterThan(b.x, a.x)
        XCTAssertEqual(b.y, a.y)
        XCTAssertLessThan(c.y, a.y, "north is up")
        XCTAssertEqual(c.x, a.x)
        // One degree of longitude is cos φ₀ times one degree of latitude.
        XCTAssertEqual((b.x - a.x) / (a.y - c.y), cos(phi0 * Double.pi / 180), accuracy: 1e-12)
        // Every place falls inside the frame.
        let size = map.size
        for place in panel.places {
            let p = map.project(longitude: place.longitude, latitude: place.latitude)
            XCTAssertTrue((0...size.width).contains(p.x) && (0...size.height).contains(p.y), place.id)
        }
    }
}

/// The report's comparison with a reference periodization, on planted truth:
/// given the planted stages as the reference, every row agrees.
final class ReportReferenceTests: XCTestCase {
    func testPlantedStagesAsTheReferenceAgreeRowByRow() throws {
        var generator = SyntheticPanel(places: 30, years: 30, stages: 3, noise: 0, seed: 2)
        generator.design = .emergence
        generator.replicates = 10
        var spec = generator.spec()
        let starts = generator.stageStarts
        spec.reference = ReferencePeriodization(
            source: "planted",
            stages: starts.indices.map { k in
                .init(
                    start: starts[k], end: k + 1 < starts.count ? starts[k + 1] - 1 : generator.firstYear + 29,
                    layer: generator.emergingLayers[k].rawValue)
            })
        let job = JobAnalysis(panel: generator.panel(), spec: spec)
        var aggregation = Aggregation(job: job)
        for task in 0..<job.taskCount { try aggregation.fold(job.execute(task: task)) }
        let results = try JobResults(aggregation: aggregation)
        let rows = ReportReference.rows(results, reference: try XCTUnwrap(spec.reference))
        XCTAssertEqual(rows.map(\.found), [[1], [2], [3]])
        XCTAssertEqual(rows.map(\.nearestStart), [nil, starts[1], starts[2]])
        XCTAssertEqual(rows.map(\.labelAgreement), [1, 1, 1])
        let html = String(decoding: ReportOutput.html(results).data, as: UTF8.self)
        XCTAssertEqual(html.components(separatedBy: "class=\"reference-stage\"").count - 1, 3)
        var plain = results.spec
        plain.reference = nil
        XCTAssertEqual(plain.stages, spec.stages)
    }
}
