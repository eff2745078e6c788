@testable import Analysis
import CooperationNetwork
import XCTest

/// Every tie rule docs/METHODS.md §5–§6 states for the job-level pipeline, each
/// on a case built so that the rule alone decides: flipping the rule flips the answer.
final class TieRuleTests: XCTestCase {
    // MARK: transitions (§6): the nearest replicate transition, ties to the earlier year

    func testNearestTransitionTiesGoToTheEarlierYearInAnyOrder() {
        XCTAssertEqual(ScenarioTally.nearest(to: 2000, in: [1998, 2002]), 1998)
        XCTAssertEqual(ScenarioTally.nearest(to: 2000, in: [2002, 1998]), 1998)
        XCTAssertEqual(ScenarioTally.nearest(to: 2000, in: [2003, 2001, 1999, 1997]), 1999)
        XCTAssertEqual(ScenarioTally.nearest(to: 2000, in: [1999, 2003, 2000, 2001]), 2000)
        XCTAssertNil(ScenarioTally.nearest(to: 2000, in: []))
    }

    /// The tally matches an equidistant replicate to the earlier transition: its interval
    /// and support count that year, not the later one.
    func testTallyMatchesAnEquidistantReplicateToTheEarlierTransition() throws {
        let years = Array(1995...2005)
        let point = ScenarioPoint(
            series: IndicatorSeries(years: years, columns: ["x"], values: years.map { _ in [0] }),
            periodization: Periodization(
                breakpoints: [5, years.count], transitionYears: [2000],
                stages: [stage(1, 1995, 1999), stage(2, 2000, 2005)], cost: 0))
        var tally = ScenarioTally(scenario: .baseline, matchWindow: 2)
        tally.setPoint(point, trackIndicators: false)
        let labels = years.map { _ in "trade-based" }
        let scales = years.map { _ in "local" }
        for transitions in [[2002, 1998], [1998, 2002], [2001, 1999]] {
            try tally.add(
                ReplicateOutcome(transitionYears: transitions, yearLabels: labels, yearScales: scales, indicators: RowMatrix()),
                task: 0)
        }
        XCTAssertEqual(tally.transitionYears[0].counts, [1998: 2, 1999: 1])
        XCTAssertEqual(tally.supported, [3])
    }

    // MARK: percentiles (§6): nearest rank, the smallest value with F ≥ q

    func testYearPercentileAtAnExactRankIsTheSmallerYear() {
        var d = YearDistribution()
        for year in [1999, 2001] { d.add(year) }
        XCTAssertEqual(d.percentile(0.5), 1999, "F(1999) = 0.5 ≥ 0.5")
        XCTAssertEqual(d.percentile(0.5 + 1e-9), 2001)
        // 2001…2020 and 2022…2041 about the estimate 2021: symmetric, so no bias correction.
        var forty = YearDistribution()
        for year in 1...40 { forty.add(2000 + year + (year > 20 ? 1 : 0)) }
        // 0.025 × 40 = 1 exactly: the first year; 0.975 × 40 = 39: the 39th (2040), not the 40th.
        XCTAssertEqual(forty.interval(level: 0.95, estimate: 2021), [2001, 2040])
    }

    func testSketchPercentileAtAnExactRankIsTheSmallerValue() throws {
        var sketch = PercentileSketch()
        for x in [1.0, 2.0, 3.0, 4.0] { sketch.add(x) }
        // rank ⌈0.5 × 4⌉ = 2: the second smallest, 2 (within the 0.5 % bound), not 3.
        XCTAssertEqual(try XCTUnwrap(sketch.percentile(0.5)), 2, accuracy: 0.005 * 2)
        XCTAssertEqual(try XCTUnwrap(sketch.percentile(0.25)), 1, "rank 1 is the exact minimum")
        XCTAssertEqual(try XCTUnwrap(sketch.percentile(0.75)), 3, accuracy: 0.005 * 3)
        // The 95 % band of 1…40 starts at the first value: 0.025 × 40 is rank 1 exactly,
        // although (1 − 0.95)/2 × 40 is 1.0000000000000009 in binary.
        var forty = PercentileSketch()
        for x in 1...40 { forty.add(Double(x)) }
        XCTAssertEqual(try XCTUnwrap(forty.band(level: 0.95)).lowerBound, 1)
        var thousand = PercentileSketch()
        for x in 1...1000 { thousand.add(Double(x)) }
        XCTAssertEqual(try XCTUnwrap(thousand.band(level: 0.95)).lowerBound, 25, accuracy: 0.005 * 25)
        XCTAssertEqual(try XCTUnwrap(thousand.band(level: 0.95)).upperBound, 975, accuracy: 0.005 * 975)
    }

    // MARK: stage labels (§5): growth, then the share of new ties, then name order

    func testEqualGrowthGoesToTheLargerShareOfNewTies() {
        let choice = StageLabel.emergence(before: [0, 0, 0], end: [1, 1, 1], tieBreak: [0.2, 0.5, 0.3])
        XCTAssertEqual(choice.winner, 1)
        XCTAssertEqual(choice.runnerUp, 2)
        XCTAssertEqual(choice.margin, 0)
    }

    func testEqualGrowthAndNewTiesGoToTheFirstCandidate() {
        let choice = StageLabel.emergence(before: [0, 0, 0], end: [0.5, 1, 1], tieBreak: [0, 0.5, 0.5])
        XCTAssertEqual(choice.winner, 1)
        XCTAssertEqual(choice.runnerUp, 2)
    }

    func testGrowthWithin1e12IsATie() {
        // Candidate 1 grows by 1e-14 more: a tie at the documented tolerance, so the
        // share of new ties decides; 1e-9 more is a real difference.
        XCTAssertEqual(StageLabel.emergence(before: [0, 0], end: [1, 1 + 1e-14], tieBreak: [0.6, 0.4]).winner, 0)
        XCTAssertEqual(StageLabel.emergence(before: [0, 0], end: [1, 1 + 1e-9], tieBreak: [0.6, 0.4]).winner, 1)
    }

    /// Through the pipeline's labelling: layers are candidates in name order, the
    /// new-ties columns give the tie-break, and scales (no tie-break by new ties)
    /// go to national, regional, local in that order.
    func testPipelineLabelTiesFollowNewTiesThenNameOrderAndScalesGoNationalFirst() {
        let analysis = PanelAnalysis(panel: panel(), spec: JobSpec(name: "ties", firstYear: 2000, lastYear: 2003))
        XCTAssertEqual(analysis.panel.layers, [.industrialPark, .trade], "layers in name order")
        // Two stages of two years. Stage 1: both layers grow 0 → 1 and trade has more new
        // ties; stage 2: both grow 1 → 2 with equal new ties. Scales: stage 1 all three
        // tie; stage 2 regional and local tie above national.
        let columns = [
            "norm_industrial_park", "norm_trade", "new_ties_industrial_park", "new_ties_trade",
            "scale_norm_national", "scale_norm_regional", "scale_norm_local",
        ]
        let rows: [[Double]] = [
            [0.5, 0.5, 1, 2, 0.5, 0.5, 0.5],
            [1, 1, 0, 1, 1, 1, 1],
            [1.5, 1.5, 1, 1, 1, 1.5, 1.5],
            [2, 2, 1, 1, 1, 2, 2],
        ]
        let series = IndicatorSeries(years: [2000, 2001, 2002, 2003], columns: columns, values: rows)
        let periodization = analysis.label(series, breakpoints: [2, 4], cost: 0, centrality: nil)
        XCTAssertEqual(periodization.stages.map(\.dominantLayer), ["trade", "industrial_park"])
        XCTAssertEqual(periodization.stages.map(\.runnerUpLayer), ["industrial_park", "trade"])
        XCTAssertEqual(periodization.stages.map(\.dominantScale), ["national", "regional"])
        XCTAssertEqual(periodization.stages.map(\.runnerUpScale), ["regional", "local"])
    }

    // MARK: core places (§5): top 5 by mean centrality, ties by place id

    func testCorePlaceTiesGoByPlaceIdNotByPanelOrder() {
        let analysis = PanelAnalysis(panel: panel(), spec: JobSpec(name: "ties", firstYear: 2000, lastYear: 2003))
        // Panel order: zeta, alpha, mid, beta, omega, gamma, delta. Equal means for all
        // but mid (highest PageRank) and delta (lowest betweenness).
        let pagerank: [Double] = [0.1, 0.1, 0.4, 0.1, 0.1, 0.1, 0.1]
        let betweenness: [Double] = [2, 2, 2, 2, 2, 2, 1]
        let centrality = [2000, 2001].map { year in
            YearCentrality(
                year: year, activePlaces: Array(0..<7), values: [.pagerank: pagerank, .betweenness: betweenness])
        }
        XCTAssertEqual(
            analysis.topPlaces(centrality, measure: .pagerank, years: 2000...2001),
            ["mid", "alpha", "beta", "delta", "gamma"])
        XCTAssertEqual(
            analysis.topPlaces(centrality, measure: .betweenness, years: 2000...2001),
            ["alpha", "beta", "gamma", "mid", "omega"])
    }

    // MARK: helpers

    private func stage(_ number: Int, _ start: Int, _ end: Int) -> Stage {
        Stage(
            number: number, startYear: start, endYear: end, dominantLayer: "trade", dominantScale: "local",
            corePlaces: [], corePlacesByBetweenness: [], indicatorMeans: [0], name: "")
    }

    /// Seven places listed out of id order, two layers, four years.
    private func panel() -> Panel {
        let ids = ["zeta", "alpha", "mid", "beta", "omega", "gamma", "delta"]
        let places = ids.enumerated().map { i, id in
            Place(
                id: id, name: id.capitalized, country: i % 2 == 0 ? "CN" : "RU", kind: "city", scale: .local,
                region: "R", latitude: 45 + Double(i), longitude: 130)
        }
        let links = (2000...2003).flatMap { year in
            [
                Link(source: 0, target: 1, year: year, layer: 0, weight: 1),
                Link(source: 1, target: 2, year: year, layer: 1, weight: 1),
            ]
        }
        return Panel(places: places, layers: [.industrialPark, .trade], links: links, years: 2000...2003)
    }
}
