import ArgumentParser
import Logging

/// `--log-level` for the cluster commands; logs go to stderr through swift-log.
struct ClusterLoggingOptions: ParsableArguments {
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error or critical (default: info; warning for `run`, whose progress lines say enough).")
    var logLevel: String?

    func validate() throws {
        guard logLevel.map({ Logger.Level(rawValue: $0) != nil }) ?? true else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    /// Bootstraps swift-log (once per process) and returns the component's logger.
    func logger(_ component: String, defaultLevel: Logger.Level = .info) -> Logger {
        let level = logLevel.flatMap(Logger.Level.init(rawValue:)) ?? defaultLevel
        ClusterLogging.bootstrapOnce(level: level)
        var logger = Logger(label: "transborder.\(component)")
        logger.logLevel = level
        return logger
    }
}

/// The process-wide swift-log bootstrap.
enum ClusterLogging {
    nonisolated(unsafe) private static var done = false

    static func bootstrapOnce(level: Logger.Level) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
