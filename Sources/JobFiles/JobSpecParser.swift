import Analysis
import Centrality
import CooperationNetwork
import Foundation
import Yams

/// Parses job specs (YAML, or JSON — JSON is YAML flow syntax and Yams reads
/// it) into `JobSpec`, reporting every issue with its YAML path and line.
///
/// Layout, defaults and rules: docs/JOB_SPEC.md. Checks that need the data
/// (regions, layers and indicators named in the spec) are in
/// `checkAgainstPanel`; `JobLoader` runs both.
package enum JobSpecParser {
    static let topKeys = [
        "name", "data", "years", "directed", "distance", "layers", "stages", "bootstrap",
        "sensitivity", "reference",
    ]
    static let referenceKeys = ["source", "stages"]
    static let referenceStageKeys = ["start", "end", "layer"]
    static let layerKeys = ["unit", "rel_error"]
    static let dataKeys = ["places", "links"]
    static let yearKeys = ["first", "last"]
    static let stageKeys = [
        "method", "cost", "breaks", "max_breaks", "penalty", "label", "min_size", "standardize", "date_blur",
        "indicators",
    ]
    static let bootstrapKeys = [
        "scheme", "replicates", "seed", "block_length", "batch_size", "measurement", "rho",
        "estimated_rel_error", "match_window",
    ]
    static let sensitivityKeys = [
        "leave_one_region_out", "leave_one_layer_out", "perturb_region", "perturb_factor",
        "leave_out_estimated", "alternative_reading", "replicates",
    ]

    /// Parses a spec.
    ///
    /// - Parameter fileName: how issues name the file.
    /// - Throws: `InputError` with every issue (path in `field`, 1-based `line`).
    package static func parse(yaml: String, fileName: String) throws -> JobSpec {
        let reading = read(yaml: yaml, fileName: fileName)
        try reading.issues.throwIfAny()
        return reading.spec
    }

    /// Checks the names a spec gives against the loaded panel: regions in
    /// `leave_one_region_out` and `perturb_region`, layers in
    /// `leave_one_layer_out`, indicator columns in `stages.indicators`.
    /// Issues carry the YAML path but no line (use `JobLoader` for lines).
    package static func checkAgainstPanel(_ spec: JobSpec, panel: Panel, fileName: String) throws {
        try panelIssues(spec, panel: panel, fileName: fileName, lines: [:]).throwIfAny()
    }

    /// Reads a spec, collecting issues.
    static func read(yaml: String, fileName: String) -> JobSpecReading {
        var reader = SpecReader(file: fileName)
        var spec = JobSpec(name: "", firstYear: 0, lastYear: 0)
        var reading = JobSpecReading(spec: spec, issues: InputError(), lines: [:], dataValid: false, yearsValid: false)
        let root: Node
        do {
            // No implicit tag resolution: the reader interprets every scalar itself (`SpecReader`),
            // and Yams's default resolver compiles regular expressions at every process start.
            guard let node = try Yams.compose(yaml: yaml, .basic) else {
                reader.report(nil, line: nil, "empty job spec: expected a mapping with keys \(topKeys.joined(separator: ", "))")
                reading.issues = reader.issues
                return reading
            }
            root = node
        } catch {
            let (line, message) = describe(yamlError: error)
            reader.report(nil, line: line, message)
            reading.issues = reader.issues
            return reading
        }
        guard let top = reader.mapping(root, path: "", allowed: topKeys) else {
            reading.issues = reader.issues
            return reading
        }
        if let node = top["name"] {
            if let name = reader.name(node, path: "name") { spec.name = name }
        } else {
            // Required rather than defaulted from the folder: workers parse the
            // same bytes without knowing any folder, and must read the same spec.
            reader.report("name", line: root.mark?.line, "missing key 'name' (the job's name, used in outputs)")
        }
        var dataValid = true
        if let node = top["data"], !reader.isNull(node) {
            if let data = reader.mapping(node, path: "data", allowed: dataKeys) {
                for key in dataKeys {
                    guard let value = data[key] else { continue }
                    if let path = reader.name(value, path: "data.\(key)") {
                        if key == "places" { spec.places = path } else { spec.links = path }
                    } else {
                        dataValid = false
                    }
                }
            } else {
                dataValid = false
            }
        }
        var yearsValid = false
        if let node = top["years"] {
            if let years = reader.mapping(node, path: "years", allowed: yearKeys) {
                var bounds: [Int] = []
                for key in yearKeys {
                    if let value = years[key] {
                        if let year = reader.int(value, path: "years.\(key)") { bounds.append(year) }
                    } else {
                        reader.report("years.\(key)", node, "missing key '\(key)' (the \(key) year of the panel)")
                    }
                }
                if bounds.count == 2 {
                    spec.firstYear = bounds[0]
                    spec.lastYear = bounds[1]
                    if bounds[0] > bounds[1] {
                        reader.report(
                            "years", line: reader.lines["years.first"],
                            "first year \(bounds[0]) is after last year \(bounds[1])")
                    } else {
                        yearsValid = true
                    }
                }
            }
        } else {
            reader.report("years", line: root.mark?.line, "missing key 'years' (e.g. years: {first: 1988, last: 2024})")
        }
        if let node = top["directed"], let value = reader.bool(node, path: "directed") { spec.directed = value }
        if let node = top["distance"], let value = reader.choice(node, path: "distance", DistanceMode.self) {
            spec.distance = value
        }
        if let node = top["layers"], !reader.isNull(node) { readLayers(node, into: &spec.layers, reader: &reader) }
        if let node = top["stages"], !reader.isNull(node) { readStages(node, into: &spec.stages, reader: &reader) }
        if let node = top["bootstrap"], !reader.isNull(node) {
            readBootstrap(node, into: &spec.bootstrap, reader: &reader)
        }
        if let node = top["sensitivity"], !reader.isNull(node) {
            readSensitivity(node, into: &spec.sensitivity, reader: &reader)
        }
        if let node = top["reference"], !reader.isNull(node) {
            spec.reference = readReference(node, spec: spec, yearsValid: yearsValid, reader: &reader)
        }
        if yearsValid { checkSizes(spec, reader: &reader) }
        return JobSpecReading(
            spec: spec, issues: reader.issues, lines: reader.lines,
            dataValid: dataValid, yearsValid: yearsValid)
    }

    /// `layers: {trade: {unit: "billion USD", rel_error: 0.2}, …}`: keys are layer names.
    private static func readLayers(_ node: Node, into layers: inout [String: LayerSettings], reader: inout SpecReader) {
        reader.lines["layers"] = node.mark?.line
        guard case .mapping(let mapping) = node else {
            reader.report(
                "layers", node,
                "expected a mapping from layer names to {unit, rel_error},"
                    + " found \(reader.describe(node))")
            return
        }
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key, Layer.isValidName(scalar.string) else {
                reader.report(
                    "layers", key,
                    "'\(key.string ?? reader.describe(key))' is not a layer name"
                        + " (lowercase letters, digits and _, starting with a letter)")
                continue
            }
            let name = scalar.string
            let path = "layers.\(name)"
            reader.lines[path] = key.mark?.line
            var settings = LayerSettings()
            if reader.isNull(value) {
                layers[name] = settings
                continue
            }
            guard let keys = reader.mapping(value, path: path, allowed: layerKeys) else { continue }
            if let v = keys["unit"], let unit = reader.string(v, path: "\(path).unit") {
                if unit.isEmpty {
                    reader.report("\(path).unit", v, "empty unit (e.g. \"billion USD\", \"parks\")")
                } else {
                    settings.unit = unit
                }
            }
            if let v = keys["rel_error"], let x = reader.double(v, path: "\(path).rel_error") {
                if x >= 0 && x.isFinite {
                    settings.relError = x
                } else {
                    reader.report("\(path).rel_error", v, "a relative error must be ≥ 0 (0.2 = ±20 % one sd), found \(x)")
                }
            }
            layers[name] = settings
        }
    }

    /// `reference: {source: "…", stages: [{start, end, layer}, …]}`: consecutive,
    /// non-overlapping stages inside the job's years.
    private static func readReference(
        _ node: Node, spec: JobSpec, yearsValid: Bool,
        reader: inout SpecReader
    ) -> ReferencePeriodization? {
        guard let keys = reader.mapping(node, path: "reference", allowed: referenceKeys) else { return nil }
        var source = ""
        if let v = keys["source"], let text = reader.string(v, path: "reference.source") { source = text }
        guard let list = keys["stages"] else {
            reader.report("reference.stages", node, "missing key 'stages' (a list of {start, end, layer})")
            return nil
        }
        guard case .sequence(let items) = list, !items.isEmpty else {
            reader.report("reference.stages", list, "expected a non-empty list of {start, end, layer}, found \(reader.describe(list))")
            return nil
        }
        var stages: [ReferencePeriodization.Stage] = []
        var valid = true
        for (i, item) in items.enumerated() {
            let path = "reference.stages[\(i)]"
            guard let fields = reader.mapping(item, path: path, allowed: referenceStageKeys) else {
                valid = false
                continue
            }
            var start: Int?
            var end: Int?
            var layer: String?
            for key in referenceStageKeys where fields[key] == nil {
                reader.report("\(path).\(key)", item, "missing key '\(key)'")
                valid = false
            }
            if let v = fields["start"] { start = reader.int(v, path: "\(path).start") }
            if let v = fields["end"] { end = reader.int(v, path: "\(path).end") }
            if let v = fields["layer"], let name = reader.name(v, path: "\(path).layer") {
                if Layer.isValidName(name) {
                    layer = name
                } else {
                    reader.report("\(path).layer", v, "'\(name)' is not a layer name")
                }
            }
            guard let start, let end, let layer else {
                valid = false
                continue
            }
            if end < start {
                reader.report("\(path).end", item, "end \(end) is before start \(start)")
                valid = false
            } else if yearsValid && (start < spec.firstYear || end > spec.lastYear) {
                reader.report(path, item, "\(start)–\(end) is outside the job's years \(spec.firstYear)–\(spec.lastYear)")
                valid = false
            } else if let last = stages.last, start <= last.end {
                reader.report("\(path).start", item, "starts in \(start), inside the previous stage (\(last.start)–\(last.end))")
                valid = false
            }
            stages.append(.init(start: start, end: end, layer: layer))
        }
        return valid ? ReferencePeriodization(source: source, stages: stages) : nil
    }

    private static func readStages(_ node: Node, into stages: inout StageSettings, reader: inout SpecReader) {
        guard let keys = reader.mapping(node, path: "stages", allowed: stageKeys) else { return }
        if let v = keys["method"], let x = reader.choice(v, path: "stages.method", StageSettings.Method.self) {
            stages.method = x
        }
        if let v = keys["cost"], let x = reader.choice(v, path: "stages.cost", StageSettings.Cost.self) { stages.cost = x }
        if let v = keys["breaks"] {
            if case .scalar(let s) = v, s.string == "auto" {
                reader.lines["stages.breaks"] = v.mark?.line
                stages.breaks = nil
            } else if case .scalar(let s) = v, Int(s.string) == nil {
                reader.report("stages.breaks", v, "expected auto or an integer ≥ 0, found \(reader.describe(v))")
            } else if let x = reader.int(v, path: "stages.breaks", minimum: 0) {
                stages.breaks = x
            }
        }
        if let v = keys["max_breaks"], let x = reader.int(v, path: "stages.max_breaks", minimum: 0) { stages.maxBreaks = x }
        if let v = keys["penalty"] { readPenalty(v, into: &stages, reader: &reader) }
        if let v = keys["label"], let x = reader.choice(v, path: "stages.label", StageLabelRule.self) { stages.label = x }
        if let v = keys["min_size"], let x = reader.int(v, path: "stages.min_size", minimum: 1) { stages.minSize = x }
        if let v = keys["standardize"], let x = reader.bool(v, path: "stages.standardize") { stages.standardize = x }
        if let v = keys["date_blur"], let x = reader.bool(v, path: "stages.date_blur") { stages.dateBlur = x }
        if let v = keys["indicators"] {
            if case .scalar(let s) = v, s.string == "all" || reader.isNull(v) {
                reader.lines["stages.indicators"] = v.mark?.line
                stages.indicators = []
            } else if let x = reader.stringList(v, path: "stages.indicators") {
                stages.indicators = x
            }
        }
    }

    private static func readPenalty(_ node: Node, into stages: inout StageSettings, reader: inout SpecReader) {
        let path = "stages.penalty"
        if case .scalar(let s) = node, let named = StageSettings.PenaltySetting(name: s.string) {
            reader.lines[path] = node.mark?.line
            stages.penalty = named
            return
        }
        guard case .scalar(let s) = node, Double(s.string) != nil else {
            reader.report(
                path, node,
                "expected \(StageSettings.PenaltySetting.names.joined(separator: ", ")) or a number ≥ 0,"
                    + " found \(reader.describe(node))"
                    + (reader.isNull(node) ? "" : NameSuggestion.hint(for: node.string ?? "", in: StageSettings.PenaltySetting.names)))
            return
        }
        guard let value = reader.double(node, path: path) else { return }
        guard value >= 0 else {
            reader.report(path, node, "a penalty must be ≥ 0, found \(s.string)")
            return
        }
        stages.penalty = .value(value)
    }

    private static func readBootstrap(_ node: Node, into bootstrap: inout BootstrapSettings, reader: inout SpecReader) {
        guard let keys = reader.mapping(node, path: "bootstrap", allowed: bootstrapKeys) else { return }
        if let v = keys["scheme"], let x = reader.choice(v, path: "bootstrap.scheme", BootstrapSettings.Scheme.self) {
            bootstrap.scheme = x
        }
        if let v = keys["replicates"], let x = reader.int(v, path: "bootstrap.replicates", minimum: 0) {
            bootstrap.replicates = x
        }
        if let v = keys["seed"], let x = reader.uint64(v, path: "bootstrap.seed") { bootstrap.seed = x }
        if let v = keys["block_length"], let x = reader.int(v, path: "bootstrap.block_length", minimum: 1) {
            bootstrap.blockLength = x
        }
        if let v = keys["batch_size"], let x = reader.int(v, path: "bootstrap.batch_size", minimum: 1) {
            bootstrap.batchSize = x
        }
        if let v = keys["measurement"], let x = reader.bool(v, path: "bootstrap.measurement") { bootstrap.measurement = x }
        if let v = keys["rho"], let x = reader.double(v, path: "bootstrap.rho") {
            if x > -1 && x < 1 {
                bootstrap.rho = x
            } else {
                reader.report("bootstrap.rho", v, "rho must lie strictly between -1 and 1, found \(x)")
            }
        }
        if let v = keys["estimated_rel_error"], let x = reader.double(v, path: "bootstrap.estimated_rel_error") {
            if x >= 0 {
                bootstrap.estimatedRelError = x
            } else {
                reader.report("bootstrap.estimated_rel_error", v, "a relative error must be ≥ 0, found \(x)")
            }
        }
        if let v = keys["match_window"], let x = reader.int(v, path: "bootstrap.match_window", minimum: 0) {
            bootstrap.matchWindow = x
        }
    }

    private static func readSensitivity(
        _ node: Node, into sensitivity: inout SensitivitySettings,
        reader: inout SpecReader
    ) {
        guard let keys = reader.mapping(node, path: "sensitivity", allowed: sensitivityKeys) else { return }
        if let v = keys["leave_one_region_out"] {
            sensitivity.leaveOneRegionOut = scenarioList(v, path: "sensitivity.leave_one_region_out", reader: &reader)
        }
        if let v = keys["leave_one_layer_out"] {
            sensitivity.leaveOneLayerOut = scenarioList(v, path: "sensitivity.leave_one_layer_out", reader: &reader)
        }
        if let v = keys["perturb_region"] {
            sensitivity.perturbRegion = scenarioList(v, path: "sensitivity.perturb_region", reader: &reader)
        }
        if let v = keys["perturb_factor"], let x = reader.double(v, path: "sensitivity.perturb_factor") {
            if x > 0 && x < 1 {
                sensitivity.perturbFactor = x
            } else {
                reader.report(
                    "sensitivity.perturb_factor", v,
                    "must be strictly between 0 and 1 (weights are scaled by 1 ± factor), found \(x)")
            }
        }
        if let v = keys["leave_out_estimated"], let x = reader.bool(v, path: "sensitivity.leave_out_estimated") {
            sensitivity.leaveOutEstimated = x
        }
        if let v = keys["alternative_reading"], let x = reader.bool(v, path: "sensitivity.alternative_reading") {
            sensitivity.alternativeReading = x
        }
        if let v = keys["replicates"], let x = reader.int(v, path: "sensitivity.replicates", minimum: 0) {
            sensitivity.replicates = x
        }
    }

    /// `all` → [] (every region or layer), `none`, null or `[]` → nil, or a list of names.
    private static func scenarioList(_ node: Node, path: String, reader: inout SpecReader) -> [String]? {
        if case .scalar(let s) = node, s.string == "all" || s.string == "none" || reader.isNull(node) {
            reader.lines[path] = node.mark?.line
            return s.string == "all" ? [] : nil
        }
        if case .scalar = node {
            reader.report(path, node, "expected all, none or a list of names, found \(reader.describe(node))")
            return nil
        }
        guard let names = reader.stringList(node, path: path) else { return nil }
        return names.isEmpty ? nil : names
    }

    /// Sizes that need the number of years: segments must fit.
    private static func checkSizes(_ spec: JobSpec, reader: inout SpecReader) {
        let years = spec.lastYear - spec.firstYear + 1
        let minSize = spec.stages.minSize
        if 2 * minSize > years {
            reader.report(
                "stages.min_size", line: reader.lines["stages.min_size"] ?? reader.lines["years.first"],
                "min_size \(minSize) is too large for \(years) years: two stages need 2 × min_size ≤ \(years)"
                    + (years >= 2 ? " (min_size ≤ \(years / 2))" : " (the job needs at least 2 years)"))
        } else if let breaks = spec.stages.breaks, (breaks + 1) * minSize > years {
            reader.report(
                "stages.breaks", line: reader.lines["stages.breaks"],
                "\(breaks) breaks need (\(breaks) + 1) × min_size \(minSize) = \((breaks + 1) * minSize) years;"
                    + " the job has \(years) (at most \(years / minSize - 1) breaks)")
        }
        if spec.bootstrap.scheme == .blocks && spec.bootstrap.blockLength > years {
            reader.report(
                "bootstrap.block_length", line: reader.lines["bootstrap.block_length"],
                "block_length \(spec.bootstrap.blockLength) is longer than the \(years) years of the job")
        }
    }

    /// Regions, layers and indicators named in the spec that the panel lacks.
    static func panelIssues(_ spec: JobSpec, panel: Panel, fileName: String, lines: [String: Int]) -> InputError {
        var issues = InputError()
        func check(_ names: [String]?, path: String, known: [String], what: String) {
            for (i, name) in (names ?? []).enumerated() where !known.contains(name) {
                let itemPath = "\(path)[\(i)]"
                issues.append(
                    InputIssue(
                        file: fileName, line: lines[itemPath], field: itemPath,
                        message:
                            "unknown \(what) '\(name)'" + NameSuggestion.hint(for: name, in: known)
                            + "; the panel's \(what)s: \(known.joined(separator: ", "))"))
            }
        }
        let regions = panel.regions
        let layers = panel.layers.map(\.rawValue)
        check(
            spec.stages.indicators, path: "stages.indicators", known: IndicatorName.columns(layers: panel.layers),
            what: "indicator")
        check(
            spec.sensitivity.leaveOneRegionOut, path: "sensitivity.leave_one_region_out", known: regions,
            what: "region")
        check(spec.sensitivity.leaveOneLayerOut, path: "sensitivity.leave_one_layer_out", known: layers, what: "layer")
        check(spec.sensitivity.perturbRegion, path: "sensitivity.perturb_region", known: regions, what: "region")
        for name in spec.layers.keys.sorted() where !layers.contains(name) {
            let path = "layers.\(name)"
            issues.append(
                InputIssue(
                    file: fileName, line: lines[path], field: path,
                    message:
                        "layer '\(name)' is declared but has no link" + NameSuggestion.hint(for: name, in: layers)
                        + "; the panel's layers: \(layers.joined(separator: ", "))"))
        }
        for (i, stage) in (spec.reference?.stages ?? []).enumerated() where !layers.contains(stage.layer) {
            let path = "reference.stages[\(i)].layer"
            issues.append(
                InputIssue(
                    file: fileName, line: lines[path], field: path,
                    message:
                        "unknown layer '\(stage.layer)'" + NameSuggestion.hint(for: stage.layer, in: layers)
                        + "; the panel's layers: \(layers.joined(separator: ", "))"))
        }
        if spec.sensitivity.alternativeReading && !panel.links.contains(where: { $0.alternativeLayer != nil }) {
            let path = "sensitivity.alternative_reading"
            issues.append(
                InputIssue(
                    file: fileName, line: lines[path], field: path,
                    message:
                        "no link has an alt_layer, so the alternative reading would equal the baseline"))
        }
        if spec.sensitivity.leaveOutEstimated && !panel.links.contains(where: \.estimated) {
            let path = "sensitivity.leave_out_estimated"
            issues.append(
                InputIssue(
                    file: fileName, line: lines[path], field: path,
                    message:
                        "no link is marked estimated, so leaving them out would equal the baseline"))
        }
        return issues
    }

    /// The line and a readable message for a Yams parse error.
    private static func describe(yamlError error: Error) -> (Int?, String) {
        guard let yaml = error as? YamlError else { return (nil, "cannot parse YAML: \(error)") }
        switch yaml {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text) on line \($0.mark.line))" } ?? ""
            return (mark.line, "YAML syntax error: \(problem)\(during)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, "duplicated key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a mapping")
        case .reader(let problem, _, _, _):
            return (nil, "cannot read YAML: \(problem)")
        default:
            return (nil, "cannot parse YAML: \(yaml)")
        }
    }
}
