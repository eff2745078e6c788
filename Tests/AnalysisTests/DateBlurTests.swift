@testable import Analysis
import CooperationNetwork
import XCTest

/// Stages whose tie starts are dated to ±2 years (docs/METHODS.md §4): with the blur
/// the planted transitions are found where they were planted, one per stage; without
/// it each blurred step is split.
final class DateBlurTests: XCTestCase {
    /// The emergence design with every spell's start moved by (index mod 5) − 2 years
    /// (uniform over −2…2 within each stage's ties) and declared ±2.
    private func blurredPanel(seed: UInt64) -> (Panel, JobSpec, [Int]) {
        var generator = SyntheticPanel(places: 40, years: 30, stages: 3, noise: 0.3, seed: seed)
        generator.design = .emergence
        generator.replicates = 0
        let exact = generator.panel()
        var spells = exact.spells
        for s in spells.indices {
            let moved = spells[s].start + s % 5 - 2
            spells[s].start = min(max(exact.years.lowerBound, moved), spells[s].end)
            spells[s].dateUncertainty = 2
        }
        var links: [Link] = []
        var firstLink: [Int: Link] = [:]
        for link in exact.links {
            guard link.spell >= 0 else {
                links.append(link)
                continue
            }
            if firstLink[link.spell] == nil { firstLink[link.spell] = link }
            if link.year >= spells[link.spell].start { links.append(link) }
        }
        for (s, link) in firstLink where spells[s].start < link.year {
            for year in spells[s].start..<link.year {
                var earlier = link
                earlier.year = year
                links.append(earlier)
            }
        }
        let panel = Panel(places: exact.places, layers: exact.layers, links: links, years: exact.years, spells: spells)
        return (panel, generator.spec(), Array(generator.stageStarts.dropFirst()))
    }

    func testBlurredStepsAreFoundWherePlantedAndNotSplit() throws {
        for seed: UInt64 in [1, 2, 3] {
            let (panel, spec, planted) = blurredPanel(seed: seed)
            XCTAssertEqual(planted, [2000, 2010])
            let blurred = PanelAnalysis(panel: panel, spec: spec)
            XCTAssertFalse(blurred.blur.isNone)
            let found = try blurred.periodize(blurred.indicators(weights: panel.links.map(\.weight), fullCentrality: false).0)
            XCTAssertEqual(found.transitionYears, planted, "seed \(seed)")

            var exactSpec = spec
            exactSpec.stages.dateBlur = false
            let plain = PanelAnalysis(panel: panel, spec: exactSpec)
            XCTAssertTrue(plain.blur.isNone)
            let split = try plain.periodize(plain.indicators(weights: panel.links.map(\.weight), fullCentrality: false).0)
            XCTAssertGreaterThan(split.transitionYears.count, planted.count, "seed \(seed): \(split.transitionYears)")
        }
    }
}
