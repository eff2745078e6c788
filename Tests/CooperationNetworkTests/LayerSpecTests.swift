import Analysis
import CooperationNetwork
import Foundation
import JobFiles
import TestSupport
import XCTest

/// The spec keys of layers in their own units, the label rule, the named
/// penalties, and the scenarios on estimated values and alternative readings.
final class LayerSpecTests: XCTestCase {
    private func parse(_ yaml: String) throws -> JobSpec { try JobSpecParser.parse(yaml: yaml, fileName: "job.yaml") }

    private static let head = "name: units\nyears: {first: 2000, last: 2005}\n"

    func testLayersLabelAndPenaltyAreRead() throws {
        let spec = try parse(
            Self.head + """
                layers:
                  trade: {unit: "billion USD", rel_error: 0.2}
                  transport_corridor: {unit: corridors}
                stages: {label: share, penalty: bic_unit}
                sensitivity: {leave_out_estimated: true, alternative_reading: true}

                """)
        XCTAssertEqual(spec.unit(of: "trade"), "billion USD")
        XCTAssertEqual(spec.layers["trade"]?.relError, 0.2)
        XCTAssertEqual(spec.unit(of: "transport_corridor"), "corridors")
        XCTAssertEqual(spec.unit(of: "institutional"), "unitless")
        XCTAssertEqual(spec.stages.label, .share)
        XCTAssertEqual(spec.stages.penalty, .bicUnit)
        XCTAssertTrue(spec.sensitivity.leaveOutEstimated && spec.sensitivity.alternativeReading)
        XCTAssertEqual(try parse(Self.head).stages.label, .emergence, "emergence is the default")
    }

    func testBadLayerEntries() {
        let issues = PanelInput.issues {
            try self.parse(Self.head + "layers:\n  Trade: {unit: x}\n  trade: {unit: \"\", rel_error: -1, scale: 2}\n")
        }
        XCTAssertEqual(
            Set(issues.compactMap(\.field)),
            [
                "layers", "layers.trade.scale", "layers.trade.unit",
                "layers.trade.rel_error",
            ])
        XCTAssertTrue(issues.allSatisfy { $0.line != nil }, "\(issues)")
        XCTAssertTrue(issues.contains { $0.message.contains("a relative error must be ≥ 0") })
    }

    func testDeclaredLayerWithoutLinksAndScenariosThatWouldEqualTheBaseline() throws {
        let spec = try parse(
            Self.head + """
                layers: {trade: {unit: USD}, rail: {unit: trains}}
                sensitivity: {leave_out_estimated: true, alternative_reading: true}

                """)
        let panel = try PanelInput.load()
        let issues = PanelInput.issues { try JobSpecParser.checkAgainstPanel(spec, panel: panel, fileName: "job.yaml") }
        XCTAssertEqual(
            Set(issues.compactMap(\.field)),
            [
                "layers.rail", "sensitivity.leave_out_estimated",
                "sensitivity.alternative_reading",
            ])
    }

    /// The two reading scenarios change exactly the links they name.
    func testScenariosOnEstimatedValuesAndAlternativeReadings() throws {
        let links = [
            "source,target,year,layer,weight,estimated,alt_layer",
            "heihe,blag,2000,trade,1.5,true,", "harbin,blag,2001,institutional,1,false,transport_corridor",
            "heihe,harbin,2002,trade,0.5,false,",
        ]
        let panel = try PanelInput.load(links: links)
        XCTAssertEqual(Scenario.leaveOutEstimated.weights(for: panel), panel.links.map { $0.estimated ? 0 : $0.weight })
        let moved = Scenario.alternativeReading.panel(from: panel)
        let corridor = try XCTUnwrap(panel.layers.firstIndex(of: .transportCorridor))
        XCTAssertEqual(moved.links.filter { $0.layer == corridor }.map(\.year), [2001])
        XCTAssertEqual(panel.links.filter { $0.layer == corridor }.count, 0)
        var spec = JobSpec(name: "s", firstYear: 2000, lastYear: 2002)
        spec.stages.minSize = 1
        spec.sensitivity.leaveOutEstimated = true
        spec.sensitivity.alternativeReading = true
        spec.bootstrap.replicates = 0
        let job = JobAnalysis(panel: panel, spec: spec)
        XCTAssertEqual(job.plan.scenarios.map(\.id), ["baseline", "leave_out_estimated", "alternative_reading"])
        let task = try XCTUnwrap(job.plan.tasks.firstIndex { $0.scenario == 2 && $0.replicates == nil })
        let outcome = try job.execute(task: task)
        let share = try XCTUnwrap(outcome.point?.series.column("share_transport_corridor"))
        XCTAssertEqual(share[1], 1, "the act read as a corridor is the only link of 2001")
    }
}

/// `reference`: a published periodization, read and checked, never used by the analysis.
final class ReferenceSpecTests: XCTestCase {
    private static let head = "name: ref\nyears: {first: 2000, last: 2009}\n"

    func testAReferenceIsRead() throws {
        let spec = try JobSpecParser.parse(
            yaml: Self.head + """
                reference:
                  source: "A study"
                  stages: [{start: 2000, end: 2004, layer: trade}, {start: 2005, end: 2009, layer: transport_corridor}]

                """, fileName: "job.yaml")
        XCTAssertEqual(spec.reference?.source, "A study")
        XCTAssertEqual(spec.reference?.stages.map(\.layer), ["trade", "transport_corridor"])
        var without = spec
        without.reference = nil
        XCTAssertEqual(without.stages, spec.stages, "the reference changes no analysis setting")
    }

    func testBadReferenceStagesNameTheirPathAndLine() {
        let issues = PanelInput.issues {
            _ = try JobSpecParser.parse(
                yaml: Self.head + """
                    reference:
                      stages:
                        - {start: 2000, end: 2004, layer: trade}
                        - {start: 2003, end: 2009, layer: trade}
                        - {start: 2008, end: 2006, layer: trade}
                        - {start: 1990, end: 1995, layer: trade}

                    """, fileName: "job.yaml")
        }
        XCTAssertEqual(
            issues.compactMap(\.field),
            [
                "reference.stages[1].start", "reference.stages[2].end",
                "reference.stages[3]",
            ])
        XCTAssertEqual(issues.compactMap(\.line), [6, 7, 8])
    }
}
