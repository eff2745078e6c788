import Analysis
import ArgumentParser
import Centrality
import CooperationNetwork
import Foundation
import JobFiles
import Reports

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

    @Option(
        help: ArgumentHelp(
            "How weights become path lengths for betweenness, closeness and harmonic: inverse (1/w, for intensities), raw (w is a length) or hops (unweighted).",
            valueName: "inverse|raw|hops"))
    var distance: Distance = .inverse

    @Option(
        name: .customLong("measure"),
        help: ArgumentHelp(
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
        let wanted =
            measures.isEmpty
            ? CentralityMeasure.allCases
            : CentralityMeasure.allCases.filter { m in
                measures.contains { $0.measure == m }
            }
        let options = CentralityOptions(distance: distance.mode, threads: threads)
        var values = centralities(
            of: graph, measures: wanted.filter { $0 != .eigenvector && $0 != .pagerank },
            options: options)
        // The power iterations are called directly to report non-convergence.
        for measure in wanted where measure == .eigenvector || measure == .pagerank {
            let result =
                measure == .eigenvector
                ? eigenvectorCentrality(of: graph, options: options)
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

    static func json(nodes: [String], columns: [(String, [Double])]) -> String {
        let names = nodes.map(JSONText.string)
        var out = "{\n  \"nodes\": [" + names.joined(separator: ", ") + "],\n  \"measures\": {"
        for (c, (measure, values)) in columns.enumerated() {
            out += c == 0 ? "\n" : ",\n"
            out += "    \(JSONText.string(measure)): {"
            out += zip(names, values).map { "\($0): \(JSONText.number($1))" }.joined(separator: ", ")
            out += "}"
        }
        out += columns.isEmpty ? "}\n}\n" : "\n  }\n}\n"
        return out
    }

    /// RFC 4180 with LF line ends, as every output table (`CSVText`).
    static func csv(nodes: [String], columns: [(String, [Double])]) -> String {
        var csv = CSVText(header: ["node"] + columns.map(\.0))
        for (i, name) in nodes.enumerated() {
            csv.append([name] + columns.map { JSONText.number($0.1[i]) })
        }
        return csv.text
    }
}
