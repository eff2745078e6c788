import ArgumentParser
import Foundation

/// `transborder bench`: the built-in benchmarks of the distributed runtime, one
/// subcommand each, so that each shows and accepts only its own options.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Built-in benchmarks of the distributed runtime (e.g. bench cluster).",
        discussion: """
            Run them from a release build: scripts/bench cluster, scripts/bench fairness and \
            scripts/bench jobs build one and print medians beside their anchors \
            (docs/PERFORMANCE.md).
            """,
        subcommands: [
            BenchClusterCommand.self, BenchRawCommand.self, BenchCodecCommand.self, BenchFairnessCommand.self, BenchJobsCommand.self,
        ]
    )

    /// This binary, which the benchmarks start again as worker (and coordinator) processes.
    static var executable: URL { URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath() }
}
