@testable import Analysis
import CooperationNetwork
@testable import Reports
import XCTest

/// The stage map names the top places by mean PageRank, ties by place id (SVGStageMap):
/// with every PageRank equal, the names go to the smallest ids, not to the panel's order.
final class MapLabelTieTests: XCTestCase {
    func testEqualPageRanksAreNamedInIdOrder() {
        let ids = ["zeta", "alpha", "mid", "beta"]
        let places = ids.enumerated().map { i, id in
            Place(
                id: id, name: id.capitalized, country: i % 2 == 0 ? "CN" : "RU", kind: "city", scale: .local,
                region: "R", latitude: 44 + 2 * Double(i), longitude: 124 + 4 * Double(i))
        }
        let links = [2000, 2001].flatMap { year in
            [
                Link(source: 0, target: 1, year: year, layer: 0, weight: 1),
                Link(source: 2, target: 3, year: year, layer: 0, weight: 1),
            ]
        }
        let panel = Panel(places: places, layers: [.trade], links: links, years: 2000...2001)
        let stage = Stage(
            number: 1, startYear: 2000, endYear: 2001, dominantLayer: "trade", dominantScale: "local",
            corePlaces: [], corePlacesByBetweenness: [], indicatorMeans: [], name: "")
        let centrality = [2000, 2001].map { year in
            YearCentrality(
                year: year, activePlaces: [0, 1, 2, 3],
                values: [.pagerank: [0.25, 0.25, 0.25, 0.25], .betweenness: [0, 0, 0, 0], .strength: [1, 1, 1, 1]])
        }
        var map = SVGStageMap(
            network: StageNetwork(stage: stage, panel: panel, centrality: centrality), panel: panel,
            frame: SVGStageMap.Frame(places: places), palette: ReportPalette(panel: panel), maxPageRank: 0.25,
            maxWeightByLayer: [1])
        map.labelCount = 2
        XCTAssertEqual(map.labelLayout().labels.map { panel.places[$0.place].id }, ["alpha", "beta"])
        map.labelCount = 4
        XCTAssertEqual(map.labelLayout().labels.map { panel.places[$0.place].id }, ["alpha", "beta", "mid", "zeta"])
    }
}
