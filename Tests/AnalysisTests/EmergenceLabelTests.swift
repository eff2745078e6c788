import Analysis
import CooperationNetwork
import XCTest

/// Planted modes (`SyntheticPanel.Design.emergence`): each stage is named by
/// the layer planted to emerge in it, with layers in units three orders of
/// magnitude apart and one layer (trade) present from the first year.
final class EmergenceLabelTests: XCTestCase {
    private func periodization(_ generator: SyntheticPanel, rule: StageLabelRule) throws -> Periodization {
        var spec = generator.spec()
        spec.stages.label = rule
        let job = JobAnalysis(panel: generator.panel(), spec: spec)
        return try job.point(weights: job.panel.links.map(\.weight)).periodization
    }

    private func generator(seed: UInt64, noise: Double, stages: Int = 3) -> SyntheticPanel {
        var generator = SyntheticPanel(places: 40, years: 10 * stages, stages: stages, noise: noise, seed: seed)
        generator.design = .emergence
        return generator
    }

    func testEveryStageIsNamedByItsEmergingLayerWithoutNoise() throws {
        for seed in 1...8 as ClosedRange<UInt64> {
            for stages in [2, 3] {
                let generator = generator(seed: seed, noise: 0, stages: stages)
                let found = try periodization(generator, rule: .emergence)
                XCTAssertEqual(found.transitionYears, Array(generator.stageStarts.dropFirst()), "seed \(seed)")
                XCTAssertEqual(
                    found.stages.map(\.dominantLayer), generator.emergingLayers.map(\.rawValue),
                    "seed \(seed), \(stages) stages")
            }
        }
    }

    func testUnitsAreDeclaredAndLayersDifferByThreeOrdersOfMagnitude() {
        let generator = generator(seed: 2, noise: 0)
        let panel = generator.panel()
        let spec = generator.spec()
        XCTAssertEqual(spec.unit(of: "trade"), "billion USD")
        XCTAssertEqual(spec.unit(of: "industrial_park"), "parks")
        func typical(_ layer: Layer) -> Double {
            let index = panel.layers.firstIndex(of: layer) ?? -1
            return panel.links.filter { $0.layer == index }.map(\.weight).max() ?? 0
        }
        XCTAssertEqual(typical(.industrialPark) / typical(.trade), 500, accuracy: 1e-9)
        XCTAssertEqual(panel.layers, [.industrialPark, .trade, .transportCorridor])
        let trade = panel.layers.firstIndex(of: .trade) ?? -1
        XCTAssertTrue(
            panel.links.contains { $0.layer == trade && $0.year == generator.firstYear },
            "trade is present from the first year")
    }
}
