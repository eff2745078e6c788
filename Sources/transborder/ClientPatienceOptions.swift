import ArgumentParser
import Cluster
import Foundation

/// `--wait-timeout` of the client commands (`submit`, `status`, `fetch`, `cancel`,
/// `forget`, `prune`): how long they keep trying a coordinator that does not answer,
/// saying so every 10 s, before giving up with exit status 75
/// (`ExitCode.coordinatorNotAnswering`).
struct ClientPatienceOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Give up (exit status 75) once the coordinator has not answered for this long, e.g. 90s, 5m, 2h, or `never`; until then retry, saying so every 10 s. Default: 30s; never for submit --wait.",
            valueName: "duration"))
    var waitTimeout: String?

    /// A parsed `--wait-timeout`.
    enum Limit: Equatable {
        case never
        case seconds(Double)
    }

    func validate() throws {
        if let waitTimeout, Self.limit(waitTimeout) == nil {
            throw ValidationError("--wait-timeout: '\(waitTimeout)' is not a duration such as 30s, 5m or 2h, or `never`")
        }
    }

    /// `never`, or a positive duration (`PruneCommand.seconds`); nil for anything else.
    static func limit(_ text: String) -> Limit? {
        if text == "never" { return .never }
        guard let seconds = PruneCommand.seconds(text), seconds > 0 else { return nil }
        return .seconds(Double(seconds))
    }

    /// Seconds of silence before giving up (nil: never), `defaultSeconds` when not given.
    func giveUpAfter(default defaultSeconds: Double?) -> Double? {
        switch waitTimeout.flatMap(Self.limit) {
        case nil: defaultSeconds
        case .never: nil
        case .seconds(let seconds): seconds
        }
    }

    /// The patience of `command` with `client`: notices on stderr, naming the endpoint;
    /// `hint` says what stopping now means (e.g. "resubmitting later resumes the job").
    func patience(for client: ClusterClient, default defaultSeconds: Double?, hint: String? = nil) -> ClientPatience {
        let endpoint = client.endpoint
        let tail = hint.map { "Ctrl-C to stop; \($0)" } ?? "Ctrl-C to stop"
        // On a terminal, clear the line first: `submit --wait`'s progress bar is redrawn
        // in place (carriage return), and is drawn again below the notice.
        let clear = isatty(STDERR_FILENO) == 1 ? "\r\u{1B}[2K" : ""
        return ClientPatience(giveUpAfter: giveUpAfter(default: defaultSeconds)) { seconds in
            printError("\(clear)coordinator at \(endpoint) not answering for \(seconds) s; still trying (\(tail))")
        }
    }

    /// The default of every client command but `submit --wait`.
    static let defaultSeconds = 30.0
}

extension ExitCode {
    /// A client gave up on a coordinator that did not answer within `--wait-timeout`
    /// (EX_TEMPFAIL of sysexits.h: try again later).
    static let coordinatorNotAnswering = ExitCode(75)
}
