import ArgumentParser
import Foundation

/// The `transborder` command-line tool: thin commands that parse options and
/// call the library modules.
@main
struct Transborder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transborder",
        abstract: "Periodize a transborder cooperation network: centralities, stages, bootstrap intervals, distributed runs.",
        version: ToolVersion.current,
        subcommands: [
            RunCommand.self, ValidateCommand.self, SummaryCommand.self, CompareCommand.self,
            CentralityCommand.self, IndicatorsCommand.self, StagesCommand.self, GenerateCommand.self,
            CoordinatorCommand.self, WorkerCommand.self, SubmitCommand.self, StatusCommand.self,
            FetchCommand.self, CancelCommand.self, ForgetCommand.self, PruneCommand.self, KeygenCommand.self, BenchCommand.self,
        ]
    )

    /// Runs the command. Bad input — an unknown option, a value out of range, a
    /// file that does not validate — exits with status 2 (not swift-argument-parser's
    /// 64), so scripts see one status for "your input is wrong".
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                let message = fullMessage(for: error)
                FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
