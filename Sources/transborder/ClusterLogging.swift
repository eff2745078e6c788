import ArgumentParser
import Logging
import Synchronization

/// The default of `--log-level` for a command: `info` for the cluster commands, whose logs
/// are their record; `warning` for `run`, whose progress lines say enough.
protocol DefaultLogLevel {
    static var level: Logger.Level { get }
}

enum InfoByDefault: DefaultLogLevel { static let level = Logger.Level.info }
enum WarningByDefault: DefaultLogLevel { static let level = Logger.Level.warning }

/// `--log-level` for the cluster commands; logs go to stderr through swift-log.
typealias ClusterLoggingOptions = LoggingOptions<InfoByDefault>

/// `--log-level` of a command whose default is `Default.level`.
struct LoggingOptions<Default: DefaultLogLevel>: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Log level on stderr: trace, debug, info, notice, warning, error or critical (default: \(Default.level.rawValue)).",
            valueName: "level"))
    var logLevel: String?

    func validate() throws {
        guard logLevel.map({ Logger.Level(rawValue: $0) != nil }) ?? true else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    /// Bootstraps swift-log (once per process) and returns the component's logger.
    func logger(_ component: String) -> Logger {
        let level = logLevel.flatMap(Logger.Level.init(rawValue:)) ?? Default.level
        ClusterLogging.bootstrapOnce(level: level)
        var logger = Logger(label: "transborder.\(component)")
        logger.logLevel = level
        return logger
    }
}

/// The process-wide swift-log bootstrap.
enum ClusterLogging {
    private static let done = Mutex(false)

    static func bootstrapOnce(level: Logger.Level) {
        let first = done.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
