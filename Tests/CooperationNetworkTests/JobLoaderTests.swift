import Analysis
import CooperationNetwork
import Foundation
import JobFiles
import TestSupport
import XCTest

/// Whole jobs on disk: spec + places.csv + links.csv, paths relative to the spec,
/// and the spec's names checked against the loaded panel.
final class JobLoaderTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try Fixtures.temporaryDirectory("jobloader")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    static let spec = """
        name: small
        data: {places: data/places.csv, links: data/links.csv}
        years: {first: 2000, last: 2005}
        stages: {min_size: 2}
        sensitivity:
          leave_one_region_out: [Heilongjiang, Amur Oblast]
          leave_one_layer_out: [trade]
          perturb_region: all

        """

    private func writeJob(
        spec: String = spec, specName: String = "job.yaml", places: [String] = PanelInput.places,
        links: [String] = PanelInput.links
    ) throws {
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("data"),
            withIntermediateDirectories: true)
        try Data(spec.utf8).write(to: folder.appendingPathComponent(specName))
        try PanelInput.data(places).write(to: folder.appendingPathComponent("data/places.csv"))
        try PanelInput.data(links).write(to: folder.appendingPathComponent("data/links.csv"))
    }

    func testLoadsAFolderWithRelativeDataPaths() throws {
        try writeJob()
        let job = try JobLoader.load(path: folder.path)
        XCTAssertEqual(job.spec.name, "small")
        XCTAssertEqual(job.panel.places.count, 3)
        XCTAssertEqual(job.panel.years, 2000...2005)
        XCTAssertEqual(job.specURL.lastPathComponent, "job.yaml")
        XCTAssertEqual(job.specBytes, Data(Self.spec.utf8))
        XCTAssertEqual(job.placesBytes, PanelInput.data(PanelInput.places))
        XCTAssertEqual(job.linksBytes, PanelInput.data(PanelInput.links))
        XCTAssertEqual(
            job.placesURL.standardizedFileURL,
            folder.appendingPathComponent("data/places.csv").standardizedFileURL)
        XCTAssertEqual(try JobLoader.load(path: folder.appendingPathComponent("job.yaml").path).spec, job.spec)
    }

    func testLoadsJobJSON() throws {
        let json =
            "{\"name\": \"as-json\", \"data\": {\"places\": \"data/places.csv\", \"links\": \"data/links.csv\"},"
            + " \"years\": {\"first\": 2000, \"last\": 2002}, \"stages\": {\"min_size\": 1}}"
        try writeJob(spec: json, specName: "job.json")
        let job = try JobLoader.load(path: folder.path)
        XCTAssertEqual(job.spec.name, "as-json")
        XCTAssertEqual(job.panel.years, 2000...2002)
    }

    func testUnknownRegionAndLayerInScenarios() throws {
        let spec = Self.spec
            .replacingOccurrences(of: "[Heilongjiang, Amur Oblast]", with: "[Heilongjiang, Amur Oblst]")
            .replacingOccurrences(of: "[trade]", with: "[trade, rail]")
        try writeJob(spec: spec)
        let issues = PanelInput.issues { try JobLoader.load(path: self.folder.path) }
        let specPath = folder.path + "/job.yaml"
        XCTAssertEqual(issues.map(\.file), [specPath, specPath])
        XCTAssertEqual(issues.map(\.line), [6, 7])
        XCTAssertEqual(issues.map(\.field), ["sensitivity.leave_one_region_out[1]", "sensitivity.leave_one_layer_out[1]"])
        XCTAssertTrue(issues[0].message.contains("unknown region 'Amur Oblst' (did you mean 'Amur Oblast'?)"), issues[0].message)
        XCTAssertTrue(issues[1].message.contains("unknown layer 'rail'"), issues[1].message)
    }

    func testUnknownRegionInBlockListHasItsOwnLine() throws {
        let spec = Self.spec.replacingOccurrences(of: "perturb_region: all", with: "perturb_region:\n    - Heilongjiang\n    - Primorye")
        try writeJob(spec: spec)
        let issues = PanelInput.issues { try JobLoader.load(path: self.folder.path) }
        XCTAssertEqual(issues.map(\.line), [10])
        XCTAssertEqual(issues.map(\.field), ["sensitivity.perturb_region[1]"])
    }

    func testUnknownIndicator() throws {
        try writeJob(
            spec: Self.spec.replacingOccurrences(
                of: "{min_size: 2}",
                with: "{min_size: 2, indicators: [density, share_trad]}"))
        let issues = PanelInput.issues { try JobLoader.load(path: self.folder.path) }
        XCTAssertEqual(issues.map(\.field), ["stages.indicators[1]"])
        XCTAssertEqual(issues.map(\.line), [4])
        XCTAssertTrue(issues[0].message.contains("did you mean 'share_trade'"), issues[0].message)
    }

    func testSpecAndDataIssuesInOneRun() throws {
        var links = PanelInput.links
        links[2] = "harbin,blag,2009,trade,2"
        try writeJob(
            spec: Self.spec.replacingOccurrences(of: "{min_size: 2}", with: "{min_size: 2, cost: l1}"),
            links: links)
        let issues = PanelInput.issues { try JobLoader.load(path: self.folder.path) }
        XCTAssertEqual(
            issues.map { "\(($0.file as NSString).lastPathComponent):\($0.line ?? 0):\($0.field ?? "")" },
            ["job.yaml:4:stages.cost", "links.csv:3:year"])
        XCTAssertEqual(issues[1].file, folder.path + "/data/links.csv")
    }

    func testMissingDataFileIsReportedAtTheSpecLine() throws {
        try writeJob()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("data/links.csv"))
        let issues = PanelInput.issues { try JobLoader.load(path: self.folder.path) }
        PanelInput.assertSingle(
            issues, file: folder.path + "/job.yaml", line: 2, field: "data.links",
            contains: "data/links.csv: no such file")
    }

    func testMissingJobAndEmptyFolder() {
        let missing = folder.appendingPathComponent("nope").path
        PanelInput.assertSingle(
            PanelInput.issues { try JobLoader.load(path: missing) }, file: missing, line: nil,
            field: nil, contains: "no such file or folder")
        PanelInput.assertSingle(
            PanelInput.issues { try JobLoader.load(path: self.folder.path) }, file: folder.path,
            line: nil, field: nil, contains: "no job.yaml, job.yml, job.json in this folder")
    }

    func testSpecInWrongEncoding() throws {
        try writeJob()
        var bytes = Data("name: caf".utf8)
        bytes.append(0xE9)
        bytes.append(Data("\nyears: {first: 2000, last: 2005}\n".utf8))
        try bytes.write(to: folder.appendingPathComponent("job.yaml"))
        PanelInput.assertSingle(
            PanelInput.issues { try JobLoader.load(path: self.folder.path) },
            file: folder.path + "/job.yaml", line: 1, field: nil, contains: "not valid UTF-8")
    }

    func testCommittedJobsLoad() throws {
        let tiny = try JobLoader.load(path: Fixtures.repositoryRoot.appendingPathComponent("jobs/examples/tiny").path)
        XCTAssertEqual(tiny.panel.places.count, 8)
        XCTAssertEqual(tiny.panel.years, 2000...2009)
        let reference = try JobLoader.load(
            path: Fixtures.repositoryRoot.appendingPathComponent("jobs/heilongjiang-far-east/job.yaml").path)
        XCTAssertEqual(reference.panel.years, 1988...2024)
        XCTAssertTrue(reference.panel.places.contains { $0.id == "heihe" })
    }

    func testCheckAgainstPanelWithoutLines() throws {
        var spec = try JobSpecParser.parse(yaml: Self.spec, fileName: "job.yaml")
        spec.sensitivity.leaveOneLayerOut = ["rail"]
        let panel = try PanelInput.load(years: 2000...2005)
        let issues = PanelInput.issues { try JobSpecParser.checkAgainstPanel(spec, panel: panel, fileName: "job.yaml") }
        PanelInput.assertSingle(
            issues, file: "job.yaml", line: nil, field: "sensitivity.leave_one_layer_out[0]",
            contains: "unknown layer 'rail'")
    }
}
