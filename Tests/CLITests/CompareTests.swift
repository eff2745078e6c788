import Foundation
import TestSupport
import XCTest

/// `transborder compare RUN_A RUN_B` on real runs of the tiny job.
final class CompareTests: XCTestCase {
    static let tinyJob = RunAnalysisTests.tinyJob

    func run(_ job: String, _ out: URL, workers: String = "0") throws {
        let result = try runTransborder(["run", job, "--workers", workers, "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func compare(_ a: URL, _ b: URL) throws -> [String: Any] {
        let result = try runTransborder(["compare", a.path, b.path, "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    func periods(_ folder: URL) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("periods.json"))) as? [String: Any])
    }

    /// The same job in process and on two workers: identical outputs, same settings, same periods.
    func testTheSameJobComparesIdentical() throws {
        let dir = try Fixtures.temporaryDirectory("compare-same")
        let a = dir.appendingPathComponent("a")
        let b = dir.appendingPathComponent("b")
        try run(Self.tinyJob, a)
        try run(Self.tinyJob, b, workers: "2")
        let doc = try compare(a, b)
        XCTAssertEqual(doc["identical_outputs"] as? Bool, true)
        XCTAssertTrue((doc["settings"] as? [[String: Any]] ?? []).allSatisfy { $0["same"] as? Bool == true })
        XCTAssertEqual(doc["partition_ari"] as? Double, 1)
        XCTAssertEqual(doc["label_agreement"] as? Double, 1)
        XCTAssertEqual((doc["label_differences"] as? [Any])?.count, 0)
        let transitions = try XCTUnwrap(doc["transitions"] as? [[String: Any]])
        XCTAssertEqual(transitions.compactMap { $0["a"] as? Int }, try periods(a)["transitions"] as? [Int])
        XCTAssertTrue(transitions.allSatisfy { $0["shift"] as? Int == 0 })
        let text = try runTransborder(["compare", a.path, b.path])
        XCTAssertTrue(text.stdout.contains("outputs: identical"), text.stdout)
    }

    /// Another seed and two fixed breaks: the seed and the spec hash differ, the data hash not;
    /// transitions paired as computed here from both periods.json; the years whose labels
    /// differ are those the periods give.
    func testADifferentSpecShowsItsDifferences() throws {
        let dir = try Fixtures.temporaryDirectory("compare-diff")
        let job = dir.appendingPathComponent("job")
        try FileManager.default.createDirectory(at: job, withIntermediateDirectories: false)
        let tiny = URL(fileURLWithPath: Self.tinyJob)
        for name in ["places.csv", "links.csv"] {
            try FileManager.default.copyItem(at: tiny.appendingPathComponent(name), to: job.appendingPathComponent(name))
        }
        let spec = try String(contentsOf: tiny.appendingPathComponent("job.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "seed: 7", with: "seed: 8").replacingOccurrences(of: "breaks: auto", with: "breaks: 2")
        try spec.write(to: job.appendingPathComponent("job.yaml"), atomically: true, encoding: .utf8)
        let a = dir.appendingPathComponent("a")
        let b = dir.appendingPathComponent("b")
        try run(Self.tinyJob, a)
        try run(job.path, b)
        let doc = try compare(a, b)
        XCTAssertEqual(doc["identical_outputs"] as? Bool, false)
        let settings = Dictionary(
            uniqueKeysWithValues: (doc["settings"] as? [[String: Any]] ?? []).map { ($0["key"] as? String ?? "", $0) })
        XCTAssertEqual(settings["seed"]?["a"] as? String, "7")
        XCTAssertEqual(settings["seed"]?["b"] as? String, "8")
        XCTAssertEqual(settings["spec_sha256"]?["same"] as? Bool, false)
        XCTAssertEqual(settings["data_sha256"]?["same"] as? Bool, true)

        let pa = try periods(a)
        let pb = try periods(b)
        let ta = pa["transitions"] as? [Int] ?? []
        let tb = pb["transitions"] as? [Int] ?? []
        XCTAssertEqual(tb.count, 2, "two fixed breaks")
        let transitions = try XCTUnwrap(doc["transitions"] as? [[String: Any]])
        XCTAssertEqual(Set(transitions.compactMap { $0["a"] as? Int }), Set(ta))
        XCTAssertEqual(Set(transitions.compactMap { $0["b"] as? Int }), Set(tb))
        for t in transitions {
            if let x = t["a"] as? Int, let y = t["b"] as? Int {
                XCTAssertLessThanOrEqual(abs(x - y), 3)
                XCTAssertEqual(t["shift"] as? Int, y - x)
                // Each pair is the closest available: no unpaired year of B is closer to x.
                let unpairedB = transitions.filter { $0["a"] == nil }.compactMap { $0["b"] as? Int }
                XCTAssertFalse(unpairedB.contains { abs($0 - x) < abs(y - x) })
            }
        }
        // Labels by year from each periods.json ("start–end · label · …").
        func labels(_ doc: [String: Any]) -> [Int: String] {
            var out: [Int: String] = [:]
            for p in doc["periods"] as? [[String: Any]] ?? [] {
                let label = (p["label"] as? String) ?? (p["name"] as? String ?? "").components(separatedBy: " · ")[1]
                for year in (p["start"] as? Int ?? 0)...(p["end"] as? Int ?? 0) { out[year] = label }
            }
            return out
        }
        let la = labels(pa)
        let lb = labels(pb)
        let differing = la.keys.filter { lb[$0] != nil && lb[$0] != la[$0] }.sorted()
        XCTAssertEqual((doc["label_differences"] as? [[String: Any]])?.compactMap { $0["year"] as? Int }, differing)
        XCTAssertEqual(doc["label_agreement"] as? Double ?? -1, 1 - Double(differing.count) / Double(la.count), accuracy: 1e-12)
        XCTAssertLessThan(doc["partition_ari"] as? Double ?? 1, 1)
        let text = try runTransborder(["compare", a.path, b.path])
        XCTAssertTrue(text.stdout.contains("  seed: 7 → 8"), text.stdout)
        XCTAssertTrue(text.stdout.contains("stages: \(ta.count + 1) → 3"), text.stdout)
    }

    func testAFolderThatIsNotARunIsRefused() throws {
        let dir = try Fixtures.temporaryDirectory("compare-bad")
        let result = try runTransborder(["compare", dir.path, dir.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("periods.json: cannot read"), result.stderr)
    }
}
