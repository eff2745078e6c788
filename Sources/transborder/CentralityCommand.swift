import Analysis
import ArgumentParser
import Centrality
import CooperationNetwork
import Foundation
import JobFiles

/// `transborder centrality`: every centrality of one graph read from an edge list,
/// with networkx 3.x conventions (docs/CONVENTIONS.md). A stable contract used by
/// users and by checks: options, JSON shape and CSV columns do not change.
struct CentralityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "centrality",
        abstract: "Centralities of one graph from an edge list (networkx 3.x conventions).",
        discussion: """
        EDGES.csv has the header source,target[,weight] (any column order; no weight column means \
        weight 1). Node ids are free text (UTF-8, RFC 4180 quoting); a UTF-8 byte order mark and CRLF \
        line ends are accepted. Weights are intensities and must be finite and > 0. Parallel rows \
        between the same pair are merged by summing weights (on an undirected graph a,b and b,a are \
        the same pair); self-loops are dropped (a note says how many).

        Measures (default: all, in this order):
          degree       degree/(n-1), in+out on digraphs (networkx degree_centrality)
          strength     sum of edge weights, in+out on digraphs
          betweenness  Brandes, networkx normalization (pairs halved if undirected)
          closeness    Wasserman-Faust, incoming distances (networkx default)
          harmonic     sum of 1/d over nodes reaching it (incoming, unnormalized)
          eigenvector  weighted, in-edges, Euclidean norm 1 (networkx power iteration)
          pagerank     weighted, alpha 0.85, dangling mass spread uniformly, sums to 1

        Output: JSON {"nodes": [...], "measures": {"<measure>": {"<node>": value, ...}, ...}} or CSV \
        with one row per node (columns node,<measures...>). Nodes are listed in order of first \
        appearance in EDGES.csv; numbers are printed with full double precision (they round-trip). \
        Bad input is reported on stderr as file:line: field 'x': message, with exit status 2 and \
        nothing on stdout.
        """
    )

    @Argument(help: "Edge list CSV with the header source,target[,weight].")
    var edges: String

    @Flag(help: "Treat rows as arcs source→target (default: undirected edges).")
    var directed = false

    @Option(help: ArgumentHelp(
        "How weights become path lengths for betweenness, closeness and harmonic: inverse (1/w, for intensities), raw (w is a length) or hops (unweighted).",
        valueName: "inverse|raw|hops"))
    var distance: Distance = .inverse

    @Option(name: .customLong("measure"), help: ArgumentHelp(
        "A measure to compute; repeat for several (default: all). One of degree, strength, betweenness, closeness, harmonic, eigenvector, pagerank.",
        valueName: "name"))
    var measures: [Measure] = []

    @Option(help: ArgumentHelp("Output format on stdout: json or csv.", valueName: "json|csv"))
    var format: Format = .json

    @Option(help: "Threads for betweenness, closeness and harmonic (default: all cores). Results are bit-identical for any value.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let list = try reportingInputErrors { try EdgeList(path: edges) }
        let graph: Graph
        do {
            graph = try Graph(nodeCount: list.nodes.count, edges: list.edges, directed: directed)
        } catch {
            // EdgeList validated every row, so this would be a bug, not bad input.
            throw RuntimeError("internal error building the graph: \(error)")
        }
        if graph.droppedSelfLoops > 0 {
            printError("note: \(edges): dropped \(graph.droppedSelfLoops) self-loop(s)")
        }
        let wanted = measures.isEmpty ? CentralityMeasure.allCases : CentralityMeasure.allCases.filter { m in
            measures.contains { $0.measure == m }
        }
        let options = CentralityOptions(distance: distance.mode, threads: threads)
        var values = centralities(of: graph, measures: wanted.filter { $0 != .eigenvector && $0 != .pagerank },
                                  options: options)
        // The power iterations are called directly to report non-convergence.
        for measure in wanted where measure == .eigenvector || measure == .pagerank {
            let result = measure == .eigenvector ? eigenvectorCentrality(of: graph, options: options)
                                                 : pageRank(of: graph, options: options)
            if !result.converged {
                printError("warning: \(measure.rawValue) did not converge in \(result.iterations) iterations; values are the last iterate")
            }
            values[measure] = result.values
        }
        let columns = wanted.map { ($0.rawValue, values[$0] ?? []) }
        let text: String
        switch format {
        case .json: text = Self.json(nodes: list.nodes, columns: columns)
        case .csv: text = Self.csv(nodes: list.nodes, columns: columns)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

extension CentralityCommand {
    /// `--distance` values (a CLI-local type: no retroactive conformance on `DistanceMode`).
    enum Distance: String, CaseIterable, ExpressibleByArgument {
        case inverse, raw, hops
        var mode: DistanceMode {
            switch self {
            case .inverse: return .inverse
            case .raw: return .raw
            case .hops: return .hops
            }
        }
    }

    /// `--measure` values.
    enum Measure: String, CaseIterable, ExpressibleByArgument {
        case degree, strength, betweenness, closeness, harmonic, eigenvector, pagerank
        var measure: CentralityMeasure {
            switch self {
            case .degree: return .degree
            case .strength: return .strength
            case .betweenness: return .betweenness
            case .closeness: return .closeness
            case .harmonic: return .harmonic
            case .eigenvector: return .eigenvector
            case .pagerank: return .pagerank
            }
        }
    }

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case json, csv
    }

    /// A failure that is not the user's input (exit status 1).
    struct RuntimeError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// An edge list read and validated from CSV: node names in order of first
    /// appearance and edges between their indices.
    ///
    /// Line numbers are physical lines (the header is line 1), as for a job's panel.
    struct EdgeList {
        var nodes: [String] = []
        var edges: [WeightedEdge] = []

        init(path: String) throws {
            var problems = InputError(), rowCounts = InputError()
            let document = try CSVInputFile.read(path, expecting: "source,target[,weight]", issues: &rowCounts)
            let header = document.header
            let columns = Self.columns(header, path: path, problems: &problems)
            try problems.throwIfAny()
            guard let sourceColumn = columns["source"], let targetColumn = columns["target"] else {
                throw InputError(file: path, line: 1, "missing column")  // unreachable: columns() reported it
            }
            let weightColumn = columns["weight"]
            var index: [String: Int] = [:]
            func node(_ name: String) -> Int {
                if let i = index[name] { return i }
                index[name] = nodes.count
                nodes.append(name)
                return nodes.count - 1
            }
            for record in document.records {
                let row = record.fields, line = record.line
                let source = Self.trimmed(row[sourceColumn])
                let target = Self.trimmed(row[targetColumn])
                var weight = 1.0
                var valid = true
                for (field, value) in [("source", source), ("target", target)] where value.isEmpty {
                    problems.append(InputIssue(file: path, line: line, field: field, message: "empty node id"))
                    valid = false
                }
                if let weightColumn {
                    let raw = Self.trimmed(row[weightColumn])
                    if let parsed = Double(raw), parsed.isFinite, parsed > 0 {
                        weight = parsed
                    } else {
                        let reason = Double(raw) == nil ? "'\(raw)' is not a number"
                                                        : "\(raw) is not a finite positive number"
                        problems.append(InputIssue(file: path, line: line, field: "weight",
                                                   message: "\(reason) (weights are intensities > 0)"))
                        valid = false
                    }
                }
                guard valid else { continue }
                edges.append(WeightedEdge(source: node(source), target: node(target), weight: weight))
            }
            problems.append(contentsOf: rowCounts)
            try problems.throwIfAny()
        }

        /// Surrounding spaces and tabs removed; the common unpadded field is returned as is
        /// (Foundation's trimming dominated the parse time of large edge lists).
        static func trimmed(_ field: String) -> String {
            guard let first = field.unicodeScalars.first, let last = field.unicodeScalars.last,
                  first == " " || first == "\t" || last == " " || last == "\t" else { return field }
            return field.trimmingCharacters(in: .whitespaces)
        }

        /// Maps the header's column names (trimmed) to positions, reporting
        /// missing, duplicated and unknown columns.
        private static func columns(_ header: [String], path: String, problems: inout InputError) -> [String: Int] {
            let allowed = ["source", "target", "weight"]
            var columns: [String: Int] = [:]
            for (position, rawName) in header.enumerated() {
                let name = rawName.trimmingCharacters(in: .whitespaces)
                if !allowed.contains(name) {
                    problems.append(InputIssue(file: path, line: 1, field: name,
                                               message: "unknown column (the header is source,target[,weight])"))
                } else if columns[name] != nil {
                    problems.append(InputIssue(file: path, line: 1, field: name, message: "duplicated column"))
                } else {
                    columns[name] = position
                }
            }
            for required in ["source", "target"] where columns[required] == nil {
                problems.append(InputIssue(file: path, line: 1, field: required,
                                           message: "missing column (the header is source,target[,weight])"))
            }
            return columns
        }
    }

    /// A double with full precision (`JSONText.number`).
    static func number(_ value: Double) -> String { JSONText.number(value) }

    /// JSON string literal (`JSONText.string`).
    static func jsonString(_ text: String) -> String { JSONText.string(text) }

    static func json(nodes: [String], columns: [(String, [Double])]) -> String {
        let names = nodes.map(jsonString)
        var out = "{\n  \"nodes\": [" + names.joined(separator: ", ") + "],\n  \"measures\": {"
        for (c, (measure, values)) in columns.enumerated() {
            out += c == 0 ? "\n" : ",\n"
            out += "    \(jsonString(measure)): {"
            out += zip(names, values).map { "\($0): \(number($1))" }.joined(separator: ", ")
            out += "}"
        }
        out += columns.isEmpty ? "}\n}\n" : "\n  }\n}\n"
        return out
    }

    /// RFC 4180 with LF line ends, as every output table (`CSVText`).
    static func csv(nodes: [String], columns: [(String, [Double])]) -> String {
        var csv = CSVText(header: ["node"] + columns.map(\.0))
        for (i, name) in nodes.enumerated() {
            csv.append([name] + columns.map { number($0.1[i]) })
        }
        return csv.text
    }
}
