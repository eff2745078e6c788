import Analysis
import ClusterProtocol
import CooperationNetwork
import Foundation
import Reports

/// What differs between two output folders of `transborder run` (or `fetch`): the
/// inputs and settings recorded in manifest.json, the periods and their labels, the
/// transitions with their bootstrap intervals, and which files differ byte for byte.
///
/// Reads periods.json and manifest.json generically (JSONSerialization), so folders
/// written by other versions compare as far as they share fields.
struct RunComparison: Encodable {
    struct Setting: Encodable {
        var key: String
        var a: String?
        var b: String?
        var same: Bool
    }

    struct Period: Encodable {
        var stage: Int
        var start: Int
        var end: Int
        var label: String
        var name: String
    }

    struct Transition: Encodable {
        var a: Int?
        var b: Int?
        /// b − a, when both exist.
        var shift: Int?
        var aInterval95: [Int]?
        var bInterval95: [Int]?
        /// Whether each run's transition lies in the other's 95% interval (nil without one).
        var bWithinAInterval: Bool?
        var aWithinBInterval: Bool?

        enum CodingKeys: String, CodingKey {
            case a, b, shift
            case aInterval95 = "a_interval95"
            case bInterval95 = "b_interval95"
            case bWithinAInterval = "b_within_a_interval"
            case aWithinBInterval = "a_within_b_interval"
        }
    }

    struct YearLabel: Encodable {
        var year: Int
        var a: String?
        var b: String?
    }

    struct FileStatus: Encodable {
        var name: String
        /// `same`, `differs`, `only_a` or `only_b`.
        var status: String
    }

    var a: String
    var b: String
    /// Every file but manifest.json byte-identical.
    var identicalOutputs: Bool
    var settings: [Setting]
    var periodsA: [Period]
    var periodsB: [Period]
    var transitions: [Transition]
    /// Years both runs cover whose stage labels differ.
    var labelDifferences: [YearLabel]
    /// Share of the common years with the same label.
    var labelAgreement: Double?
    /// Adjusted Rand index of the two year → stage partitions over the common years (1: same periods).
    var partitionARI: Double?
    var files: [FileStatus]

    enum CodingKeys: String, CodingKey {
        case a, b, settings, transitions, files
        case identicalOutputs = "identical_outputs"
        case periodsA = "periods_a"
        case periodsB = "periods_b"
        case labelDifferences = "label_differences"
        case labelAgreement = "label_agreement"
        case partitionARI = "partition_ari"
    }

    /// Manifest keys compared (inputs and settings; timings and worker counts are left out).
    static let settingKeys = [
        "job", "tool", "version", "spec_sha256", "data_sha256", "seed", "scheme", "replicates",
        "scenarios", "tasks",
    ]
    /// Transitions further apart than this many years are not paired.
    static let pairing = 3

    /// Compares two output folders.
    ///
    /// - Throws: `InputError` naming a folder or file that cannot be read.
    init(_ folderA: String, _ folderB: String) throws {
        a = folderA
        b = folderB
        let periodsDocA = try Self.json(folderA, "periods.json")
        let periodsDocB = try Self.json(folderB, "periods.json")
        let manifestA = (try? Self.json(folderA, "manifest.json")) ?? [:]
        let manifestB = (try? Self.json(folderB, "manifest.json")) ?? [:]
        settings = Self.settingKeys.map { key in
            let x = manifestA[key].map(Self.text)
            let y = manifestB[key].map(Self.text)
            return Setting(key: key, a: x, b: y, same: x == y)
        }
        periodsA = Self.periods(periodsDocA)
        periodsB = Self.periods(periodsDocB)
        let intervalsA = Self.intervals(periodsDocA)
        let intervalsB = Self.intervals(periodsDocB)
        transitions = Self.pair(Self.transitions(periodsDocA), Self.transitions(periodsDocB)).map { x, y in
            let ia = x.flatMap { intervalsA[$0] }
            let ib = y.flatMap { intervalsB[$0] }
            return Transition(
                a: x, b: y, shift: x.flatMap { x in y.map { $0 - x } }, aInterval95: ia, bInterval95: ib,
                bWithinAInterval: ia.flatMap { i in y.map { i[0] <= $0 && $0 <= i[1] } },
                aWithinBInterval: ib.flatMap { i in x.map { i[0] <= $0 && $0 <= i[1] } })
        }
        var differences: [YearLabel] = []
        var same = 0
        var stagesA: [Int] = []
        var stagesB: [Int] = []
        let years = Set(periodsA.flatMap { Array($0.start...$0.end) }).intersection(periodsB.flatMap { Array($0.start...$0.end) })
        for year in years.sorted() {
            let pa = periodsA.first { ($0.start...$0.end).contains(year) }
            let pb = periodsB.first { ($0.start...$0.end).contains(year) }
            stagesA.append(pa?.stage ?? 0)
            stagesB.append(pb?.stage ?? 0)
            if pa?.label == pb?.label { same += 1 } else { differences.append(YearLabel(year: year, a: pa?.label, b: pb?.label)) }
        }
        labelDifferences = differences
        labelAgreement = years.isEmpty ? nil : Double(same) / Double(years.count)
        partitionARI = years.isEmpty ? nil : adjustedRandIndex(stagesA, stagesB)
        files = try Self.fileStatuses(folderA, folderB)
        identicalOutputs = files.allSatisfy { $0.status == "same" || $0.name == "manifest.json" }
    }

    static func json(_ folder: String, _ name: String) throws -> [String: Any] {
        let path = (folder as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, "cannot read (is \(folder) a run's output folder?)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw InputError(file: path, "not a JSON object")
        }
        return object
    }

    static func text(_ value: Any) -> String {
        if let s = value as? String { return s }
        if let n = value as? NSNumber { return n.stringValue }
        return String(describing: value)
    }

    static func periods(_ doc: [String: Any]) -> [Period] {
        (doc["periods"] as? [[String: Any]] ?? []).compactMap { p in
            guard let stage = p["stage"] as? Int, let start = p["start"] as? Int, let end = p["end"] as? Int else { return nil }
            let name = p["name"] as? String ?? ""
            // periods.json's `label`; older files: the label part of the name ("1988–1999 · trade-based · …").
            let parts = name.components(separatedBy: " · ")
            let label = p["label"] as? String ?? (parts.count > 1 ? parts[1] : p["dominant_layer"] as? String ?? "")
            return Period(stage: stage, start: start, end: end, label: label, name: name)
        }
    }

    static func transitions(_ doc: [String: Any]) -> [Int] {
        (doc["transitions"] as? [Any] ?? []).compactMap { $0 as? Int }
    }

    /// The 95% interval of each transition year (the start interval of the stage it opens).
    static func intervals(_ doc: [String: Any]) -> [Int: [Int]] {
        var out: [Int: [Int]] = [:]
        for p in doc["periods"] as? [[String: Any]] ?? [] {
            if let start = p["start"] as? Int, let interval = p["start_interval95"] as? [Int], interval.count == 2 {
                out[start] = interval
            }
        }
        return out
    }

    /// Pairs transition years one to one, closest pairs first (at most `pairing` years apart),
    /// the rest unpaired; in year order.
    static func pair(_ a: [Int], _ b: [Int]) -> [(Int?, Int?)] {
        var candidates: [(Int, Int, Int)] = []
        for (i, x) in a.enumerated() { for (j, y) in b.enumerated() where abs(x - y) <= pairing { candidates.append((abs(x - y), i, j)) } }
        candidates.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        var usedA = Set<Int>()
        var usedB = Set<Int>()
        var pairs: [(Int?, Int?)] = []
        for (_, i, j) in candidates where !usedA.contains(i) && !usedB.contains(j) {
            usedA.insert(i)
            usedB.insert(j)
            pairs.append((a[i], b[j]))
        }
        pairs += a.indices.filter { !usedA.contains($0) }.map { (a[$0], nil) }
        pairs += b.indices.filter { !usedB.contains($0) }.map { (nil, b[$0]) }
        return pairs.sorted { ($0.0 ?? $0.1 ?? 0, $0.1 ?? $0.0 ?? 0) < ($1.0 ?? $1.1 ?? 0, $1.1 ?? $1.0 ?? 0) }
    }

    static func fileStatuses(_ folderA: String, _ folderB: String) throws -> [FileStatus] {
        func names(_ folder: String) -> Set<String> {
            Set(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") })
        }
        let na = names(folderA)
        let nb = names(folderB)
        return na.union(nb).sorted().map { name in
            guard na.contains(name) else { return FileStatus(name: name, status: "only_b") }
            guard nb.contains(name) else { return FileStatus(name: name, status: "only_a") }
            let x = FileManager.default.contents(atPath: (folderA as NSString).appendingPathComponent(name))
            let y = FileManager.default.contents(atPath: (folderB as NSString).appendingPathComponent(name))
            return FileStatus(name: name, status: x != nil && x == y ? "same" : "differs")
        }
    }

    /// The comparison for people.
    func text() -> String {
        var lines = ["A: \(a)", "B: \(b)"]
        lines.append(
            identicalOutputs
                ? "outputs: identical (every file but manifest.json)"
                : "outputs: differ in "
                    + files.filter { $0.status != "same" && $0.name != "manifest.json" }
                    .map { "\($0.name)\($0.status == "differs" ? "" : " (\($0.status.replacingOccurrences(of: "_", with: " ")))")" }
                    .joined(separator: ", "))
        let changed = settings.filter { !$0.same }
        lines.append(
            changed.isEmpty
                ? "inputs and settings: same (\(Self.settingKeys.joined(separator: ", ")))"
                : "inputs and settings that differ:")
        for s in changed { lines.append("  \(s.key): \(s.a ?? "—") → \(s.b ?? "—")") }
        lines.append("stages: \(periodsA.count) → \(periodsB.count)")
        func describe(_ periods: [Period]) -> String {
            periods.map { "\($0.start)–\($0.end) \($0.label)" }.joined(separator: " | ")
        }
        lines.append("  A: " + describe(periodsA))
        lines.append("  B: " + describe(periodsB))
        if !transitions.isEmpty { lines.append("transitions (95% interval):") }
        for t in transitions {
            func year(_ y: Int?, _ i: [Int]?) -> String {
                guard let y else { return "—" }
                return "\(y)" + (i.map { " [\($0[0])–\($0[1])]" } ?? "")
            }
            var line = "  \(year(t.a, t.aInterval95)) → \(year(t.b, t.bInterval95))"
            if let shift = t.shift { line += shift == 0 ? "  same year" : "  \(shift > 0 ? "+" : "")\(shift) y" }
            if t.a == nil { line += "  only in B" } else if t.b == nil { line += "  only in A" }
            if let inside = t.bWithinAInterval { line += inside ? ", within A's interval" : ", outside A's interval" }
            lines.append(line)
        }
        if let agreement = labelAgreement, let ari = partitionARI {
            lines.append(
                "labels: same in \(String(format: "%.0f", agreement * 100)) % of the common years; "
                    + "partition ARI \(String(format: "%.3f", ari))")
        }
        for d in labelDifferences { lines.append("  \(d.year): \(d.a ?? "—") → \(d.b ?? "—")") }
        return lines.joined(separator: "\n")
    }

    func json() -> String { prettyJSON(self) }
}
