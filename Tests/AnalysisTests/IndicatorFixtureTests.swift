import Analysis
import CooperationNetwork
import TestSupport
import XCTest

/// Yearly indicators against networkx-computed values (scripts/fixtures/indicators.py).
final class IndicatorFixtureTests: XCTestCase {
    struct FixturePlace: Decodable {
        var id, name, country, kind, scale, region: String
        var lat, lon: Double
    }
    struct FixtureLink: Decodable {
        var source, target, year: Int
        var layer: String
        var weight: Double
    }
    struct Fixture: Decodable {
        var directed: Bool
        var years: [Int]
        var layers: [String]
        var places: [FixturePlace]
        var links: [FixtureLink]
        var expected: [String: [String: Double]]
    }

    func panel(_ f: Fixture) -> Panel {
        let layers = f.layers.map(Layer.init(rawValue:))
        let places = f.places.map {
            Place(
                id: $0.id, name: $0.name, country: $0.country, kind: $0.kind, scale: Scale(rawValue: $0.scale)!,
                region: $0.region, latitude: $0.lat, longitude: $0.lon)
        }
        let links = f.links.map {
            Link(source: $0.source, target: $0.target, year: $0.year, layer: f.layers.firstIndex(of: $0.layer)!, weight: $0.weight)
        }
        return Panel(places: places, layers: layers, links: links, years: f.years.first!...f.years.last!, directed: f.directed)
    }

    func check(_ name: String) throws {
        let fixture = try Fixtures.load(Fixture.self, "indicators/\(name)")
        let panel = panel(fixture)
        var spec = JobSpec(name: "fixture", firstYear: fixture.years.first!, lastYear: fixture.years.last!)
        spec.directed = fixture.directed
        let analysis = PanelAnalysis(panel: panel, spec: spec)
        let (series, _) = analysis.indicators(weights: panel.links.map(\.weight), fullCentrality: false)
        XCTAssertEqual(series.years, fixture.years)
        for (t, year) in series.years.enumerated() {
            let expected = try XCTUnwrap(fixture.expected[String(year)])
            XCTAssertEqual(Set(expected.keys), Set(series.columns), "columns of \(name)")
            for (j, column) in series.columns.enumerated() {
                let want = try XCTUnwrap(expected[column])
                let got = series.values[t][j]
                XCTAssertEqual(got, want, accuracy: 1e-9 * max(1, abs(want)), "\(name) \(year) \(column)")
            }
        }
    }

    func testUndirectedSmall() throws { try check("panel_1.json") }
    func testUndirectedLarger() throws { try check("panel_2.json") }
    func testDirected() throws { try check("panel_3.json") }
}
