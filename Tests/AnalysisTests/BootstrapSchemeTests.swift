@testable import Analysis
import AtomicOutput
import CooperationNetwork
@testable import Reports
import Resampling
import XCTest

/// The `spells` scheme keeps a tie a tie; the measurement perturbation has the
/// distribution it claims; a noise-free planted step survives every replicate.
final class BootstrapSchemeTests: XCTestCase {
    /// A synthetic panel whose links carry a relative error, and a spec with `scheme`.
    func job(
        noise: Double = 0.2, stages: Int = 2, years: Int = 20, places: Int = 24, replicates: Int = 12,
        scheme: BootstrapSettings.Scheme = .spells, relError: Double? = nil
    ) -> JobAnalysis {
        var generator = SyntheticPanel(places: places, years: years, stages: stages, noise: noise, seed: 11)
        generator.replicates = replicates
        var spec = generator.spec()
        spec.bootstrap.scheme = scheme
        let synthetic = generator.panel()
        let links = synthetic.links.map { link -> Link in
            var copy = link
            copy.relError = relError
            return copy
        }
        let panel = Panel(
            places: synthetic.places, layers: synthetic.layers, links: links, years: synthetic.years,
            spells: synthetic.spells)
        return JobAnalysis(panel: panel, spec: spec)
    }

    func aggregate(_ job: JobAnalysis) throws -> Aggregation {
        var aggregation = Aggregation(job: job)
        for index in 0..<job.taskCount { try aggregation.fold(job.execute(task: index)) }
        return aggregation
    }

    /// One weight per spell for its whole life; the weights are Dirichlet scaled to mean 1.
    func testSpellsGiveEveryLinkYearOfATieTheSameWeight() {
        let job = job(noise: 0.3)
        let panel = job.panel
        XCTAssertLessThan(panel.spells.count, panel.links.count / 5, "ties persist over years")
        let base = panel.links.map(\.weight)
        var rng = RandomStream(seed: 1, scenario: 0, replicate: 4)
        let weights = job.resampledWeights(base, design: job.design, stream: &rng)
        var ratioOfSpell: [Int: Double] = [:]
        for (i, link) in panel.links.enumerated() {
            XCTAssertGreaterThan(weights[i], 0, "no tie vanishes")
            let ratio = weights[i] / base[i]
            if let seen = ratioOfSpell[link.spell] {
                XCTAssertEqual(ratio, seen, accuracy: 1e-12 * seen, "link-year \(i) of spell \(link.spell)")
            } else {
                ratioOfSpell[link.spell] = ratio
            }
        }
        XCTAssertEqual(ratioOfSpell.count, panel.spells.count)
        XCTAssertEqual(ratioOfSpell.values.reduce(0, +), Double(panel.spells.count), accuracy: 1e-9)
        XCTAssertGreaterThan(Set(ratioOfSpell.values).count, panel.spells.count / 2, "spells are weighted apart")
    }

    /// Across many draws a spell weight has mean 1 and variance ≈ 1 − 1/(n+1)·… ≈ 1 (Dirichlet × n).
    func testSpellWeightsHaveMeanAndVarianceOfTheBayesianBootstrap() {
        let n = 50
        var sum = 0.0
        var sumSq = 0.0
        var draws = 0
        for r in 0..<4000 {
            var rng = RandomStream(seed: 2, scenario: 0, replicate: UInt64(r))
            let w = BootstrapDraws.spellWeights(count: n, stream: &rng)
            XCTAssertEqual(w.reduce(0, +), Double(n), accuracy: 1e-9)
            sum += w[r % n]
            sumSq += w[r % n] * w[r % n]
            draws += 1
        }
        let mean = sum / Double(draws)
        let variance = sumSq / Double(draws) - mean * mean
        // n·Dirichlet(1,…,1) component: mean 1, variance (n − 1)/(n + 1).
        XCTAssertEqual(mean, 1, accuracy: 0.05)
        XCTAssertEqual(variance, Double(n - 1) / Double(n + 1), accuracy: 0.12)
    }

    /// The contract: a noise-free planted step is found by every replicate.
    func testNoiseFreePlantedStepIsFoundByEveryReplicate() throws {
        for (stages, years) in [(2, 20), (3, 30)] {
            let job = job(noise: 0, stages: stages, years: years, replicates: 100)
            let tally = try aggregate(job).scenarios[0]
            let planted = SyntheticPanel(places: 24, years: years, stages: stages, noise: 0, seed: 11).stageStarts.dropFirst()
            XCTAssertEqual(tally.point?.periodization.transitionYears, Array(planted))
            XCTAssertEqual(tally.replicates, 100)
            XCTAssertEqual(tally.stageCounts, [stages: 100], "\(stages) planted stages")
            for (j, year) in planted.enumerated() {
                XCTAssertEqual(tally.support(j), 1)
                XCTAssertFalse(tally.isWeak(j))
                XCTAssertEqual(tally.transitionYears[j].counts, [year: 100])
            }
        }
    }

    /// Log-normal factors with mean 1 and sd rel_error, AR(1)-correlated over a spell's years.
    func testMeasurementFactorsHaveTheStatedMomentsAndCorrelation() {
        let rel = 0.3
        let rho = 0.8
        let job = job(noise: 0.1, scheme: .residuals, relError: rel)
        let panel = job.panel
        let base = panel.links.map(\.weight)
        // One spell's link-years at 2000, 2001 and 2003.
        let spell = panel.links[0].spell
        func index(_ year: Int) -> Int { panel.links.firstIndex { $0.spell == spell && $0.year == year }! }
        let (a, b, c) = (index(2000), index(2001), index(2003))
        var factors: [(Double, Double, Double)] = []
        for r in 0..<6000 {
            var rng = RandomStream(seed: 5, scenario: 0, replicate: UInt64(r))
            let w = job.resampledWeights(base, design: job.design, stream: &rng)
            factors.append((w[a] / base[a], w[b] / base[b], w[c] / base[c]))
        }
        let f = factors.map(\.0)
        let mean = f.reduce(0, +) / Double(f.count)
        let sd = (f.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(f.count - 1)).squareRoot()
        XCTAssertEqual(mean, 1, accuracy: 4 * rel / Double(f.count).squareRoot())
        XCTAssertEqual(sd, rel, accuracy: 0.02)
        func correlation(_ x: [Double], _ y: [Double]) -> Double {
            let mx = x.reduce(0, +) / Double(x.count)
            let my = y.reduce(0, +) / Double(y.count)
            var sxy = 0.0
            var sxx = 0.0
            var syy = 0.0
            for (u, v) in zip(x, y) {
                sxy += (u - mx) * (v - my)
                sxx += (u - mx) * (u - mx)
                syy += (v - my) * (v - my)
            }
            return sxy / (sxx * syy).squareRoot()
        }
        let logs = (factors.map { log($0.0) }, factors.map { log($0.1) }, factors.map { log($0.2) })
        XCTAssertEqual(correlation(logs.0, logs.1), rho, accuracy: 0.03, "lag 1")
        XCTAssertEqual(correlation(logs.0, logs.2), rho * rho * rho, accuracy: 0.04, "lag 3")
        // Another spell's errors are independent of this one's.
        let other = panel.links.firstIndex { $0.spell != spell && $0.year == 2000 }!
        var otherLogs: [Double] = []
        for r in 0..<6000 {
            var rng = RandomStream(seed: 5, scenario: 0, replicate: UInt64(r))
            otherLogs.append(log(job.resampledWeights(base, design: job.design, stream: &rng)[other] / base[other]))
        }
        XCTAssertEqual(correlation(logs.0, otherLogs), 0, accuracy: 0.05)
    }

    /// Own rel_error first (an explicit 0 means exact), then the layer's, then the estimate default.
    func testRelativeErrorResolution() {
        let panel = datedPanel()
        var spec = JobSpec(name: "x", firstYear: 2000, lastYear: 2009)
        var link = panel.links[0]
        func rel() -> Double { ReplicateDesign.relativeError(of: link, panel: panel, spec: spec) }
        XCTAssertEqual(rel(), 0)
        link.estimated = true
        XCTAssertEqual(rel(), 0.3)
        spec.layers["trade"] = LayerSettings(unit: "billion USD", relError: 0.1)
        XCTAssertEqual(rel(), 0.1)
        link.relError = 0
        XCTAssertEqual(rel(), 0, "an explicit 0 is an exact value")
        link.relError = 0.4
        XCTAssertEqual(rel(), 0.4)
        XCTAssertEqual(ReplicateDesign.logSigma(relativeError: 0.4), log(1 + 0.16).squareRoot(), accuracy: 1e-15)
    }

    /// Without measurement (or without errors) the weights are exactly the scheme's.
    func testMeasurementOffLeavesTheSchemeAlone() {
        var spec = job(scheme: .residuals, relError: 0.3).spec
        spec.bootstrap.measurement = false
        let job = JobAnalysis(panel: job(relError: 0.3).panel, spec: spec)
        let base = job.panel.links.map(\.weight)
        var rng = RandomStream(seed: 1, scenario: 0, replicate: 0)
        XCTAssertEqual(job.resampledWeights(base, design: job.design, stream: &rng), base)
        let exact = self.job(scheme: .residuals)
        XCTAssertEqual(exact.resampledWeights(base, design: exact.design, stream: &rng), base)
    }

    /// A panel of one pair: a spell 2004–2009 whose start is ±2 years, and a spell
    /// 2000–2009 whose start is ±2 years at the panel's first year.
    func datedPanel() -> Panel {
        let places = [
            Place(
                id: "a", name: "A", country: "CN", kind: "city", scale: .regional, region: "r1",
                latitude: 45, longitude: 127),
            Place(
                id: "b", name: "B", country: "RU", kind: "city", scale: .regional, region: "r2",
                latitude: 48, longitude: 135),
            Place(
                id: "c", name: "C", country: "RU", kind: "city", scale: .local, region: "r2",
                latitude: 49, longitude: 136),
        ]
        let spells = [
            TieSpell(source: 0, target: 1, layer: 0, start: 2004, end: 2009, dateUncertainty: 2),
            TieSpell(source: 0, target: 2, layer: 0, start: 2000, end: 2009, dateUncertainty: 2),
        ]
        var links: [Link] = []
        for (s, spell) in spells.enumerated() {
            for year in spell.start...spell.end {
                links.append(
                    Link(
                        source: spell.source, target: spell.target, year: year, layer: 0,
                        weight: Double(s + 2), spell: s))
            }
        }
        return Panel(places: places, layers: [.trade], links: links, years: 2000...2009, spells: spells)
    }

    /// Start years jittered uniformly within ±date_uncertainty, clipped to the panel;
    /// earlier years take the first year's weight, later starts zero the early years.
    func testUncertainStartsMoveUniformlyWithinTheirRange() throws {
        var spec = JobSpec(name: "dated", firstYear: 2000, lastYear: 2009)
        spec.bootstrap.scheme = .residuals
        spec.stages.minSize = 2
        let job = JobAnalysis(panel: datedPanel(), spec: spec)
        let extended = job.design.analysis.panel
        XCTAssertEqual(extended.links.count, 16 + 2, "two link-years added before 2004, none before 2000")
        let base = job.panel.links.map(\.weight)
        var firstYears: [[Int: Int]] = [[:], [:]]
        let draws = 5000
        for r in 0..<draws {
            var rng = RandomStream(seed: 8, scenario: 0, replicate: UInt64(r))
            let w = job.resampledWeights(base, design: job.design, stream: &rng)
            for s in 0..<2 {
                let active = extended.links.indices.filter { extended.links[$0].spell == s && w[$0] > 0 }
                let years = active.map { extended.links[$0].year }
                let first = years.min()!
                XCTAssertEqual(years, Array(first...2009), "a spell stays one run of years")
                for i in active { XCTAssertEqual(w[i], Double(s + 2), "the spell's weight, before its start too") }
                firstYears[s][first, default: 0] += 1
            }
        }
        // new_ties counts each spell once, in the year it starts in the replicate.
        let column = try XCTUnwrap(job.analysis.columns.firstIndex(of: IndicatorName.newTies(.trade)))
        for r in 0..<20 {
            var rng = RandomStream(seed: 8, scenario: 0, replicate: UInt64(r))
            let w = job.resampledWeights(base, design: job.design, stream: &rng)
            let series = job.design.analysis.indicators(weights: w, fullCentrality: false).0
            var starts: [Int] = []
            for s in 0..<2 {
                starts.append(
                    extended.links.indices.filter { extended.links[$0].spell == s && w[$0] > 0 }
                        .map { extended.links[$0].year }.min()!)
            }
            for (t, year) in series.years.enumerated() {
                XCTAssertEqual(series.values[t][column], Double(starts.filter { $0 == year }.count), "replicate \(r), \(year)")
            }
        }
        XCTAssertEqual(Set(firstYears[0].keys), Set(2002...2006))
        for (_, n) in firstYears[0] { XCTAssertEqual(Double(n) / Double(draws), 0.2, accuracy: 0.025) }
        XCTAssertEqual(Set(firstYears[1].keys), Set(2000...2002))
        XCTAssertEqual(Double(firstYears[1][2000] ?? 0) / Double(draws), 0.6, accuracy: 0.03)
        // The point estimate is that of the panel as given: added years weigh 0.
        var exact = spec
        exact.bootstrap.measurement = false
        let plain = JobAnalysis(panel: datedPanel(), spec: exact)
        XCTAssertEqual(try job.point(weights: base), try plain.point(weights: base))
        let unperturbed = extended.links.indices.map { i in
            extended.links[i].spell == 0 && extended.links[i].year < 2004 ? 0 : base[job.design.source[i]]
        }
        XCTAssertEqual(unperturbed.filter { $0 > 0 }.count, base.count)
        XCTAssertEqual(
            job.design.analysis.indicators(weights: unperturbed, fullCentrality: false).0,
            plain.analysis.indicators(weights: base, fullCentrality: false).0)
    }

    /// Same bytes whatever the batching, with spells, errors and uncertain starts.
    func testSpellsWithMeasurementAreDeterministic() throws {
        func outputs(batch: Int) throws -> [OutputFile] {
            var generator = SyntheticPanel(places: 24, years: 20, stages: 2, noise: 0.2, seed: 11)
            generator.replicates = 12
            generator.scenarios = true
            var spec = generator.spec()
            spec.bootstrap.batchSize = batch
            spec.bootstrap.scheme = .spells
            spec.sensitivity.replicates = 3
            let synthetic = generator.panel()
            let links = synthetic.links.map { link -> Link in
                var copy = link
                copy.relError = link.layer == 0 ? 0.25 : nil
                copy.estimated = link.year < 1993
                return copy
            }
            var spells = synthetic.spells
            for s in spells.indices where s % 3 == 0 { spells[s].dateUncertainty = 1 + s % 2 }
            let panel = Panel(
                places: synthetic.places, layers: synthetic.layers, links: links, years: synthetic.years,
                spells: spells)
            let job = JobAnalysis(panel: panel, spec: spec)
            XCTAssertTrue(job.design.perturbs)
            XCTAssertFalse(job.design.isIdentity)
            return try OutputSet.files(JobResults(aggregation: aggregate(job)))
        }
        let a = try outputs(batch: 1)
        let b = try outputs(batch: 5)
        let c = try outputs(batch: 100)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a, c)
    }
}

/// Support and intervals of a transition count only the replicates that reproduce it.
final class TransitionSupportTests: XCTestCase {
    func testSupportCountsReplicatesWithinTheMatchWindowAndTheIntervalOnlyThose() throws {
        var generator = SyntheticPanel(places: 16, years: 20, stages: 2, noise: 0, seed: 5)
        generator.replicates = 0
        let job = JobAnalysis(panel: generator.panel(), spec: generator.spec())
        let point = try XCTUnwrap(job.execute(task: 0).point)
        XCTAssertEqual(point.periodization.transitionYears, [2000])
        var tally = ScenarioTally(scenario: .baseline, matchWindow: 2)
        tally.setPoint(point, trackIndicators: false)
        let labels = Array(repeating: "x", count: 20)
        // Nearest transitions: 2001 (in), 2003 (out), none, 1998 (in, edge), 2005 & 1999 (1999 in).
        for years in [[2001], [2003], [], [1998], [1999, 2005]] {
            try tally.add(
                ReplicateOutcome(
                    transitionYears: years, yearLabels: labels, yearScales: labels.map { _ in "local" }, indicators: RowMatrix()), task: 1)
        }
        XCTAssertEqual(tally.support(0), 3.0 / 5.0)
        XCTAssertFalse(tally.isWeak(0))
        XCTAssertEqual(tally.transitionYears[0].counts, [1998: 1, 1999: 1, 2001: 1])
        XCTAssertEqual(tally.withinOneYearShare(0), 2.0 / 5.0)
        try tally.add(
            ReplicateOutcome(transitionYears: [2010], yearLabels: labels, yearScales: labels.map { _ in "local" }, indicators: RowMatrix()),
            task: 1)
        XCTAssertEqual(tally.support(0), 0.5, "3 of 6: exactly one half is not weak")
        XCTAssertFalse(tally.isWeak(0))
        try tally.add(
            ReplicateOutcome(transitionYears: [], yearLabels: labels, yearScales: labels.map { _ in "local" }, indicators: RowMatrix()),
            task: 1)
        XCTAssertTrue(tally.isWeak(0), "3 of 7")
        XCTAssertEqual(tally.stageCounts, [1: 2, 2: 4, 3: 1])
        var none = ScenarioTally(scenario: .baseline, matchWindow: 2)
        none.setPoint(point, trackIndicators: false)
        XCTAssertNil(none.support(0))
        XCTAssertFalse(none.isWeak(0), "no bootstrap, no verdict")
    }

    /// Layer labels and dominant scales are tallied per year, separately.
    func testLabelsAndScalesAreCountedPerYear() throws {
        var generator = SyntheticPanel(places: 16, years: 6, stages: 2, noise: 0, seed: 5)
        generator.replicates = 0
        let job = JobAnalysis(panel: generator.panel(), spec: generator.spec())
        let point = try XCTUnwrap(job.execute(task: 0).point)
        var tally = ScenarioTally(scenario: .baseline, matchWindow: 2)
        tally.setPoint(point, trackIndicators: false)
        let replicates: [([String], [String])] = [
            (["a", "a", "a", "b", "b", "b"], ["local", "local", "local", "national", "national", "national"]),
            (["a", "a", "b", "b", "b", "b"], ["local", "local", "local", "local", "regional", "regional"]),
            (["b", "b", "b", "b", "b", "b"], ["national", "national", "national", "national", "national", "national"]),
        ]
        for (labels, scales) in replicates {
            try tally.add(
                ReplicateOutcome(
                    transitionYears: [], yearLabels: labels, yearScales: scales,
                    indicators: RowMatrix()), task: 1)
        }
        XCTAssertEqual(tally.labelCounts[0], ["a": 2, "b": 1])
        XCTAssertEqual(tally.labelCounts[2], ["a": 1, "b": 2])
        XCTAssertEqual(tally.scaleCounts[3], ["national": 2, "local": 1])
        XCTAssertEqual(tally.scaleCounts[5], ["national": 2, "regional": 1])
        XCTAssertThrowsError(
            try tally.add(
                ReplicateOutcome(
                    transitionYears: [], yearLabels: replicates[0].0,
                    yearScales: ["local"], indicators: RowMatrix()), task: 1),
            "a replicate whose scales cover other years is refused")
    }
}
