import Analysis
import XCTest

/// Planted stages of synthetic panels are recovered (issue 3, "Ground truth").
final class GroundTruthTests: XCTestCase {
    func recovered(_ generator: SyntheticPanel) throws -> (planted: [Int], found: [Int]) {
        let job = JobAnalysis(panel: generator.panel(), spec: generator.spec())
        let point = try job.point(weights: job.panel.links.map(\.weight))
        return (Array(generator.stageStarts.dropFirst()), point.periodization.transitionYears)
    }

    func testExactRecoveryWithoutNoise() throws {
        for seed in 1...5 as ClosedRange<UInt64> {
            for (years, stages) in [(30, 3), (24, 2), (40, 4)] {
                let (planted, found) = try recovered(SyntheticPanel(places: 40, years: years, stages: stages, noise: 0, seed: seed))
                XCTAssertEqual(found, planted, "seed \(seed), \(years) years, \(stages) stages")
            }
        }
    }

    func testRecoveryWithinOneYearAtModerateNoise() throws {
        var hits = 0
        let seeds = 1...50 as ClosedRange<UInt64>
        for seed in seeds {
            let (planted, found) = try recovered(SyntheticPanel(places: 40, years: 30, stages: 3, noise: 0.3, seed: seed))
            if found.count == planted.count && zip(found, planted).allSatisfy({ abs($0 - $1) <= 1 }) { hits += 1 }
        }
        XCTAssertGreaterThanOrEqual(Double(hits) / Double(seeds.count), 0.9, "\(hits)/\(seeds.count) seeds within ±1 year")
    }
}
