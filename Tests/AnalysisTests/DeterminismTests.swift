@testable import Analysis
import AtomicOutput
import CooperationNetwork
import TestSupport
@testable import Reports
import XCTest

/// Same job ⇒ same bytes, whatever the grouping of replicates into tasks.
final class DeterminismTests: XCTestCase {
    func outputs(batchSize: Int, scheme: BootstrapSettings.Scheme = .links) throws -> [OutputFile] {
        var generator = SyntheticPanel(places: 24, years: 20, stages: 2, noise: 0.2, seed: 11)
        generator.replicates = 12
        generator.scenarios = true
        var spec = generator.spec()
        spec.bootstrap.batchSize = batchSize
        spec.bootstrap.scheme = scheme
        spec.sensitivity.replicates = 3
        let job = JobAnalysis(panel: generator.panel(), spec: spec)
        var aggregation = Aggregation(job: job)
        for index in 0..<job.taskCount { try aggregation.fold(job.execute(task: index)) }
        return try OutputSet.files(JobResults(aggregation: aggregation))
    }

    func testBatchingDoesNotChangeBytes() throws {
        let a = try outputs(batchSize: 1)
        let b = try outputs(batchSize: 5)
        let c = try outputs(batchSize: 100)
        XCTAssertEqual(a.map(\.name), b.map(\.name))
        XCTAssertEqual(a, b)
        XCTAssertEqual(a, c)
        XCTAssertTrue(a.contains { $0.name == "periods.json" })
    }

    /// A streaming fold writes the baseline-only files while the tasks run: the same bytes.
    func testEarlyBaselineFilesAreTheSameBytes() throws {
        var generator = SyntheticPanel(places: 24, years: 20, stages: 2, noise: 0.2, seed: 11)
        generator.replicates = 6
        let job = JobAnalysis(panel: generator.panel(), spec: generator.spec())
        var aggregation = Aggregation(job: job)
        for index in 0..<job.taskCount { try aggregation.fold(job.execute(task: index)) }
        let baseline = JobResults.baseline(of: job)
        let early = OutputSet.baselineFiles(of: job, baseline)
        XCTAssertEqual(early.map(\.name), ["centrality_by_year.csv"])
        let all = try OutputSet.files(JobResults(aggregation: aggregation))
        XCTAssertEqual(try OutputSet.files(JobResults(aggregation: aggregation, baseline: baseline), early: early), all)
        XCTAssertEqual(all.filter { $0.name == "centrality_by_year.csv" }, early)
    }

    func testResidualAndBlockSchemesAreDeterministic() throws {
        XCTAssertEqual(try outputs(batchSize: 2, scheme: .residuals), try outputs(batchSize: 7, scheme: .residuals))
        XCTAssertEqual(try outputs(batchSize: 3, scheme: .blocks), try outputs(batchSize: 4, scheme: .blocks))
    }

    func testOutOfOrderFoldIsRejected() throws {
        var generator = SyntheticPanel(places: 12, years: 12, stages: 2, noise: 0, seed: 3)
        generator.replicates = 4
        var spec = generator.spec()
        spec.stages.minSize = 2
        spec.bootstrap.batchSize = 2
        let job = JobAnalysis(panel: generator.panel(), spec: spec)
        var aggregation = Aggregation(job: job)
        XCTAssertThrowsError(try aggregation.fold(job.execute(task: 1)))
    }
}

/// centrality_by_year.csv joins each place's fields once; the rows must be exactly what
/// the generic CSV writer makes of them, quoting included.
final class CentralityByYearTableTests: XCTestCase {
    func testRowsMatchTheGenericWriterWithQuotedNames() throws {
        let generator = SyntheticPanel(places: 12, years: 8, stages: 2, noise: 0.3, seed: 3)
        let synthetic = generator.panel()
        var places = synthetic.places
        places[0].name = "Harbin, \"north\""
        places[1].name = "Blagoveshchensk\nport"
        let panel = Panel(
            places: places, layers: synthetic.layers, links: synthetic.links,
            years: synthetic.years, directed: synthetic.directed)
        let job = JobAnalysis(panel: panel, spec: generator.spec())
        let baseline = JobResults.baseline(of: job)
        var expected = CSVText(header: ["place", "name", "year", "measure", "value"])
        for yc in baseline.centrality {
            // Measures in the order of their names, as the table lists them.
            for measure in yc.values.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
                for (i, p) in yc.activePlaces.enumerated() {
                    expected.append([
                        panel.places[p].id, panel.places[p].name, String(yc.year), measure.rawValue,
                        CSVText.number(yc.values[measure]![i]),
                    ])
                }
            }
        }
        let file = TablesOutput.centralityByYear(panel, baseline.centrality)
        XCTAssertTrue(expected.text.contains("\"Harbin, \"\"north\"\"\""))
        XCTAssertEqual(String(decoding: file.data, as: UTF8.self), expected.text)
    }
}

/// The binary task-outcome codec: lossless, and corrupt bytes are errors, never traps.
final class TaskOutcomeCodecTests: XCTestCase {
    func outcomes() throws -> [TaskOutcome] {
        var generator = SyntheticPanel(places: 20, years: 16, stages: 2, noise: 0.3, seed: 8)
        generator.replicates = 6
        generator.scenarios = true
        var spec = generator.spec()
        spec.bootstrap.batchSize = 3
        spec.sensitivity.replicates = 2
        let job = JobAnalysis(panel: generator.panel(), spec: spec)
        return try (0..<job.taskCount).map { try job.execute(task: $0) }
    }

    func testRoundTripIsLossless() throws {
        let all = try outcomes()
        XCTAssertTrue(all.contains { $0.point != nil } && all.contains { !$0.replicates.isEmpty })
        for outcome in all {
            XCTAssertEqual(try TaskOutcomeCodec.decode(TaskOutcomeCodec.encode(outcome)), outcome)
        }
    }

    /// The documented layout, byte for byte (little-endian), built here independently.
    func testBytesFollowTheDocumentedLayout() {
        let outcome = TaskOutcome(
            task: 3, scenario: 1, point: nil,
            replicates: [
                ReplicateOutcome(
                    transitionYears: [2000], yearLabels: ["a"], yearScales: ["bc"],
                    indicators: RowMatrix(rows: [[1.5, -2.0], [0.25, 8]]))
            ])
        var expected: [UInt8] = Array("TBO2".utf8)
        func u32(_ v: Int) { expected += (0..<4).map { UInt8(truncatingIfNeeded: UInt32(v) >> (8 * $0)) } }
        func u64(_ v: UInt64) { expected += (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64($0))) } }
        u64(3)
        u64(1)
        expected.append(0)  // task, scenario, no point
        u32(1)  // one replicate
        u32(1)
        u64(2000)  // transition years
        u32(1)
        u32(1)
        expected += Array("a".utf8)  // year labels
        u32(1)
        u32(2)
        expected += Array("bc".utf8)  // year scales
        u32(2)
        u32(2)  // 2 rows × 2 columns
        for x in [1.5, -2.0, 0.25, 8] { u64(x.bitPattern) }
        XCTAssertEqual([UInt8](TaskOutcomeCodec.encode(outcome)), expected)
    }

    func testTruncatedAndCorruptBytesAreRejected() throws {
        let data = TaskOutcomeCodec.encode(try outcomes()[1])
        for cut in stride(from: 0, to: data.count, by: max(1, data.count / 40)) {
            XCTAssertThrowsError(try TaskOutcomeCodec.decode(data.prefix(cut)), "cut at \(cut)")
        }
        XCTAssertThrowsError(try TaskOutcomeCodec.decode(data + Data([0])))
        var random = TestRandom(seed: 17)
        for _ in 0..<200 {
            var bytes = [UInt8](data)
            for _ in 0..<3 { bytes[random.int(4..<bytes.count)] = random.byte() }
            _ = try? TaskOutcomeCodec.decode(Data(bytes))  // must not trap
        }
    }
}

/// Results come from the network: a point estimate of the wrong shape is refused, not trusted.
final class AggregationTrustTests: XCTestCase {
    func testMalformedPointEstimatesAreRejected() throws {
        var generator = SyntheticPanel(places: 16, years: 12, stages: 2, noise: 0, seed: 5)
        generator.replicates = 0
        var spec = generator.spec()
        spec.stages.minSize = 2
        let job = JobAnalysis(panel: generator.panel(), spec: spec)
        let good = try job.execute(task: 0)
        var corrupt: [TaskOutcome] = []
        var beyond = good
        beyond.point?.periodization.breakpoints = [5, 40]
        corrupt.append(beyond)
        var unordered = good
        unordered.point?.periodization.breakpoints = [8, 4, 12]
        corrupt.append(unordered)
        var shortSeries = good
        shortSeries.point?.series.values.removeLast()
        corrupt.append(shortSeries)
        var renamed = good
        renamed.point?.series.columns[0] = "x"
        corrupt.append(renamed)
        for outcome in corrupt {
            var aggregation = Aggregation(job: job)
            XCTAssertThrowsError(try aggregation.fold(outcome))
        }
        var aggregation = Aggregation(job: job)
        XCTAssertNoThrow(try aggregation.fold(good))
    }
}
