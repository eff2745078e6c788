import ArgumentParser

/// The `transborder` command-line tool: thin commands that parse options and
/// call the library modules.
@main
struct Transborder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transborder",
        abstract: "Periodize a transborder cooperation network: centralities, stages, bootstrap intervals, distributed runs.",
        version: ToolVersion.current,
        subcommands: [
            RunCommand.self, ValidateCommand.self, SummaryCommand.self,
            CentralityCommand.self, IndicatorsCommand.self, StagesCommand.self, GenerateCommand.self,
            CoordinatorCommand.self, WorkerCommand.self, SubmitCommand.self, StatusCommand.self,
            FetchCommand.self, CancelCommand.self, KeygenCommand.self, BenchCommand.self,
        ]
    )
}
