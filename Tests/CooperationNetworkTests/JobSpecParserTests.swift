import Analysis
import CooperationNetwork
import Foundation
import JobFiles
import XCTest

/// Job specs: the documented layout, defaults, JSON, and every bad-spec case
/// with its YAML path and line.
final class JobSpecParserTests: XCTestCase {
    /// The annotated example of docs/JOB_SPEC.md (line numbers matter below).
    static let example = """
        name: heilongjiang-far-east
        data: {places: places.csv, links: links.csv}
        years: {first: 1988, last: 2024}
        directed: false
        distance: inverse            # inverse | raw | hops
        stages:
          method: dynp               # dynp | pelt
          cost: l2                   # l2 | normal
          breaks: auto               # auto | K
          max_breaks: 5
          penalty: bic               # bic | mbic | number
          min_size: 3
          standardize: true
          indicators: []             # empty = all indicator columns
        bootstrap: {scheme: links, replicates: 1000, seed: 20220808, block_length: 3, batch_size: 10}
        sensitivity:
          leave_one_region_out: all  # all | [region, ...] | none (absent)
          leave_one_layer_out: all
          perturb_region: none       # all | [region, ...]
          perturb_factor: 0.2
          replicates: 0

        """

    private func parse(_ yaml: String) throws -> JobSpec {
        try JobSpecParser.parse(yaml: yaml, fileName: "job.yaml")
    }

    /// The example with line `line` (1-based) replaced.
    private func example(replacing line: Int, with text: String) -> String {
        var lines = Self.example.components(separatedBy: "\n")
        lines[line - 1] = text
        return lines.joined(separator: "\n")
    }

    private func assertIssue(
        _ yaml: String, line: Int?, field: String?, contains text: String,
        file: StaticString = #filePath, fileLine: UInt = #line
    ) {
        PanelInput.assertSingle(
            PanelInput.issues { try self.parse(yaml) }, file: "job.yaml", line: line,
            field: field, contains: text, file: file, line: fileLine)
    }

    func testDocumentedExample() throws {
        let spec = try parse(Self.example)
        XCTAssertEqual(spec.name, "heilongjiang-far-east")
        XCTAssertEqual(spec.places, "places.csv")
        XCTAssertEqual(spec.links, "links.csv")
        XCTAssertEqual(spec.firstYear, 1988)
        XCTAssertEqual(spec.lastYear, 2024)
        XCTAssertFalse(spec.directed)
        XCTAssertEqual(spec.distance, .inverse)
        XCTAssertEqual(spec.stages.method, .dynp)
        XCTAssertEqual(spec.stages.cost, .l2)
        XCTAssertNil(spec.stages.breaks)
        XCTAssertEqual(spec.stages.maxBreaks, 5)
        XCTAssertEqual(spec.stages.penalty, .bic)
        XCTAssertEqual(spec.stages.minSize, 3)
        XCTAssertTrue(spec.stages.standardize)
        XCTAssertEqual(spec.stages.indicators, [])
        XCTAssertEqual(spec.bootstrap.scheme, .links)
        XCTAssertEqual(spec.bootstrap.replicates, 1000)
        XCTAssertEqual(spec.bootstrap.seed, 20_220_808)
        XCTAssertEqual(spec.bootstrap.blockLength, 3)
        XCTAssertEqual(spec.bootstrap.batchSize, 10)
        XCTAssertEqual(spec.sensitivity.leaveOneRegionOut, [])
        XCTAssertEqual(spec.sensitivity.leaveOneLayerOut, [])
        XCTAssertNil(spec.sensitivity.perturbRegion)
        XCTAssertEqual(spec.sensitivity.perturbFactor, 0.2)
        XCTAssertEqual(spec.sensitivity.replicates, 0)
    }

    func testDefaults() throws {
        let spec = try parse("name: minimal\nyears: {first: 2000, last: 2009}\n")
        XCTAssertEqual(spec, JobSpec(name: "minimal", firstYear: 2000, lastYear: 2009))
        XCTAssertEqual(spec.places, "places.csv")
        XCTAssertEqual(spec.stages, StageSettings())
        XCTAssertEqual(spec.bootstrap.replicates, 100)
        XCTAssertEqual(spec.bootstrap.seed, 1)
        XCTAssertNil(spec.sensitivity.leaveOneRegionOut)
    }

    func testJSONSpecIsAccepted() throws {
        let json = """
            {
              "name": "heilongjiang-far-east",
              "data": {"places": "places.csv", "links": "links.csv"},
              "years": {"first": 1988, "last": 2024},
              "directed": false,
              "distance": "inverse",
              "stages": {"method": "dynp", "cost": "l2", "breaks": "auto", "max_breaks": 5, "penalty": "bic",
                         "min_size": 3, "standardize": true, "indicators": []},
              "bootstrap": {"scheme": "links", "replicates": 1000, "seed": 20220808, "block_length": 3, "batch_size": 10},
              "sensitivity": {"leave_one_region_out": "all", "leave_one_layer_out": "all", "perturb_region": "none",
                              "perturb_factor": 0.2, "replicates": 0}
            }
            """
        XCTAssertEqual(try JobSpecParser.parse(yaml: json, fileName: "job.json"), try parse(Self.example))
    }

    func testJSONQuotedNumberIsAWrongType() {
        let json = "{\"name\": \"x\", \"years\": {\"first\": 2000, \"last\": 2009},\n \"bootstrap\": {\"replicates\": \"100\"}}"
        PanelInput.assertSingle(
            PanelInput.issues { try JobSpecParser.parse(yaml: json, fileName: "job.json") },
            file: "job.json", line: 2, field: "bootstrap.replicates",
            contains: "expected an integer, found the string \"100\"")
    }

    func testScenarioListForms() throws {
        var spec = try parse(example(replacing: 17, with: "  leave_one_region_out: [Amur Oblast, NO]"))
        XCTAssertEqual(spec.sensitivity.leaveOneRegionOut, ["Amur Oblast", "NO"])
        spec = try parse(example(replacing: 17, with: "  leave_one_region_out: []"))
        XCTAssertNil(spec.sensitivity.leaveOneRegionOut)
        spec = try parse(example(replacing: 17, with: "  leave_one_region_out: none"))
        XCTAssertNil(spec.sensitivity.leaveOneRegionOut)
        spec = try parse(example(replacing: 19, with: "  perturb_region: all"))
        XCTAssertEqual(spec.sensitivity.perturbRegion, [])
    }

    func testPenaltyBreaksAndSeedValues() throws {
        var spec = try parse(example(replacing: 11, with: "  penalty: 12.5"))
        XCTAssertEqual(spec.stages.penalty, .value(12.5))
        spec = try parse(example(replacing: 11, with: "  penalty: mbic"))
        XCTAssertEqual(spec.stages.penalty, .mbic)
        spec = try parse(example(replacing: 9, with: "  breaks: 2"))
        XCTAssertEqual(spec.stages.breaks, 2)
        spec = try parse(example(replacing: 15, with: "bootstrap: {seed: 18446744073709551615}"))
        XCTAssertEqual(spec.bootstrap.seed, UInt64.max)
    }

    func testUnknownTopLevelKeySuggestsTheKnownOne() {
        assertIssue(
            example(replacing: 15, with: "bootstarp: {replicates: 10}"), line: 15, field: "bootstarp",
            contains: "unknown key 'bootstarp' (did you mean 'bootstrap'?)")
    }

    func testUnknownNestedKey() {
        assertIssue(
            example(replacing: 12, with: "  minsize: 3"), line: 12, field: "stages.minsize",
            contains: "unknown key 'minsize' (did you mean 'min_size'?)")
    }

    func testWrongTypes() {
        assertIssue(
            example(replacing: 4, with: "directed: sometimes"), line: 4, field: "directed",
            contains: "expected true or false, found 'sometimes'")
        assertIssue(
            example(replacing: 10, with: "  max_breaks: five"), line: 10, field: "stages.max_breaks",
            contains: "expected an integer, found 'five'")
        assertIssue(
            example(replacing: 15, with: "bootstrap: [links]"), line: 15, field: "bootstrap",
            contains: "expected a mapping")
        assertIssue(
            example(replacing: 14, with: "  indicators: density"), line: 14, field: "stages.indicators",
            contains: "expected a list of names")
        assertIssue(
            example(replacing: 13, with: "  date_blur: maybe"), line: 13, field: "stages.date_blur",
            contains: "expected true or false, found 'maybe'")
    }

    func testDateBlurDefaultsOnAndCanBeTurnedOff() throws {
        XCTAssertTrue(StageSettings().dateBlur)
        let spec = try parse(example(replacing: 13, with: "  date_blur: false"))
        XCTAssertFalse(spec.stages.dateBlur)
    }

    func testNegativeReplicates() {
        assertIssue(
            example(replacing: 15, with: "bootstrap: {replicates: -5}"), line: 15,
            field: "bootstrap.replicates", contains: "must be at least 0, found -5")
        assertIssue(
            example(replacing: 21, with: "  replicates: -1"), line: 21,
            field: "sensitivity.replicates", contains: "must be at least 0, found -1")
    }

    func testMinSizeBelowOne() {
        assertIssue(
            example(replacing: 12, with: "  min_size: 0"), line: 12, field: "stages.min_size",
            contains: "must be at least 1, found 0")
    }

    func testBatchSizeBelowOne() {
        assertIssue(
            example(replacing: 15, with: "bootstrap: {batch_size: 0}"), line: 15,
            field: "bootstrap.batch_size", contains: "must be at least 1, found 0")
    }

    func testFirstYearAfterLastYear() {
        assertIssue(
            example(replacing: 3, with: "years: {first: 2024, last: 1988}"), line: 3, field: "years",
            contains: "first year 2024 is after last year 1988")
    }

    func testNegativeBreaks() {
        assertIssue(
            example(replacing: 9, with: "  breaks: -1"), line: 9, field: "stages.breaks",
            contains: "must be at least 0, found -1")
        assertIssue(
            example(replacing: 10, with: "  max_breaks: -2"), line: 10, field: "stages.max_breaks",
            contains: "must be at least 0, found -2")
        assertIssue(
            example(replacing: 9, with: "  breaks: some"), line: 9, field: "stages.breaks",
            contains: "expected auto or an integer ≥ 0")
    }

    func testMinSizeTooLargeForTheYears() {
        // 1988–2024 = 37 years: min_size 19 needs 38.
        assertIssue(
            example(replacing: 12, with: "  min_size: 19"), line: 12, field: "stages.min_size",
            contains: "min_size 19 is too large for 37 years: two stages need 2 × min_size ≤ 37 (min_size ≤ 18)")
        XCTAssertNoThrow(try parse(example(replacing: 12, with: "  min_size: 18")))
    }

    func testFixedBreaksMustFitTheYears() {
        let yaml = example(replacing: 9, with: "  breaks: 12")  // 13 stages × 3 years = 39 > 37
        assertIssue(yaml, line: 9, field: "stages.breaks", contains: "12 breaks need (12 + 1) × min_size 3 = 39 years")
    }

    func testPerturbFactorOutsideZeroOne() {
        for value in ["0", "1", "1.5", "-0.2"] {
            assertIssue(
                example(replacing: 20, with: "  perturb_factor: \(value)"), line: 20,
                field: "sensitivity.perturb_factor", contains: "must be strictly between 0 and 1")
        }
    }

    func testUnknownEnumValuesListTheAllowedOnes() {
        assertIssue(
            example(replacing: 7, with: "  method: binseg"), line: 7, field: "stages.method",
            contains: "unknown value 'binseg' (allowed: dynp, pelt)")
        assertIssue(
            example(replacing: 5, with: "distance: invers"), line: 5, field: "distance",
            contains: "unknown value 'invers' (allowed: inverse, raw, hops) (did you mean 'inverse'?)")
        assertIssue(
            example(replacing: 15, with: "bootstrap: {scheme: block}"), line: 15, field: "bootstrap.scheme",
            contains: "(allowed: spells, links, residuals, blocks) (did you mean 'blocks'?)")
        assertIssue(
            example(replacing: 11, with: "  penalty: aic"), line: 11, field: "stages.penalty",
            contains: "expected bic, bic_unit, mbic or a number ≥ 0, found 'aic'")
        assertIssue(
            example(replacing: 17, with: "  leave_one_region_out: every"), line: 17,
            field: "sensitivity.leave_one_region_out", contains: "expected all, none or a list of names")
    }

    /// The uncertainty keys of issue 13: defaults, values, and out-of-range values with their line.
    func testBootstrapUncertaintyKeys() throws {
        let defaults = try parse(example(replacing: 15, with: "bootstrap: {replicates: 10}")).bootstrap
        XCTAssertEqual(defaults.scheme, .spells)
        XCTAssertTrue(defaults.measurement)
        XCTAssertEqual(defaults.rho, 0.8)
        XCTAssertEqual(defaults.matchWindow, 2)
        XCTAssertEqual(defaults.estimatedRelError, 0.3)
        let set = try parse(
            example(
                replacing: 15,
                with:
                    "bootstrap: {scheme: spells, measurement: false, rho: 0.5, match_window: 3, estimated_rel_error: 0.1}")
        ).bootstrap
        XCTAssertFalse(set.measurement)
        XCTAssertEqual(set.rho, 0.5)
        XCTAssertEqual(set.matchWindow, 3)
        XCTAssertEqual(set.estimatedRelError, 0.1)
        assertIssue(
            example(replacing: 15, with: "bootstrap: {rho: 1}"), line: 15, field: "bootstrap.rho",
            contains: "strictly between -1 and 1")
        assertIssue(
            example(replacing: 15, with: "bootstrap: {match_window: -2}"), line: 15,
            field: "bootstrap.match_window", contains: "-2")
        assertIssue(
            example(replacing: 15, with: "bootstrap: {estimated_rel_error: -0.3}"), line: 15,
            field: "bootstrap.estimated_rel_error", contains: "must be ≥ 0")
        assertIssue(
            example(replacing: 15, with: "bootstrap: {measurement: 2}"), line: 15,
            field: "bootstrap.measurement", contains: "expected true or false")
    }

    func testMissingRequiredKeys() {
        assertIssue("name: x\n", line: 1, field: "years", contains: "missing key 'years'")
        assertIssue("years: {first: 2000, last: 2009}\n", line: 1, field: "name", contains: "missing key 'name'")
        assertIssue("name: x\nyears: {first: 2000}\n", line: 2, field: "years.last", contains: "missing key 'last'")
    }

    func testYAMLSyntaxErrorHasALine() {
        let issues = PanelInput.issues { try self.parse(self.example(replacing: 8, with: "  cost: [l2")) }
        XCTAssertEqual(issues.count, 1)
        XCTAssertEqual(issues.first?.file, "job.yaml")
        XCTAssertNotNil(issues.first?.line)
        XCTAssertTrue(issues.first?.message.hasPrefix("YAML syntax error") ?? false, "\(issues)")
    }

    func testDuplicatedKey() {
        let yaml = Self.example + "directed: true\n"
        let issues = PanelInput.issues { try self.parse(yaml) }
        XCTAssertEqual(issues.count, 1)
        XCTAssertEqual(issues.first?.line, 4)
        XCTAssertTrue(issues.first?.message.contains("duplicated key 'directed'") ?? false, "\(issues)")
    }

    func testEmptyAndNonMappingSpecs() {
        assertIssue("", line: nil, field: nil, contains: "empty job spec")
        assertIssue("- a\n- b\n", line: 1, field: nil, contains: "expected a mapping")
    }

    func testAllIssuesAreCollected() {
        let yaml = """
            name: x
            years: {first: 2000, last: 2009}
            stages: {method: dp, min_size: 0}
            bootstrap: {replicates: -1, batch_size: 0, seeds: 3}
            sensitivity: {perturb_factor: 2}

            """
        let issues = PanelInput.issues { try self.parse(yaml) }
        XCTAssertEqual(
            issues.map { "\($0.line ?? 0):\($0.field ?? "")" },
            [
                "3:stages.method", "3:stages.min_size", "4:bootstrap.seeds", "4:bootstrap.replicates",
                "4:bootstrap.batch_size", "5:sensitivity.perturb_factor",
            ])
    }
}
