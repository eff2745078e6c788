import AtomicOutput
import Dispatch
import Foundation

/// Takes back a reserved output folder when the process is told to stop
/// (SIGTERM, SIGINT — `scancel`, Ctrl-C, `kubectl delete`) before its results
/// are published: the staging folder and a folder the reservation created are
/// removed, then the process exits with the conventional status 128 + signal.
/// Without it, a cancelled `run` or `submit --wait` left an empty reserved
/// folder that reads as a finished run's.
///
/// The handlers run on a dispatch queue, not in signal context. Keep the value
/// alive for as long as the reservation stands; `disarm()` once published.
final class TerminationCleanup {
    private let sources: [any DispatchSourceSignal]

    init(_ destination: OutputDestination) {
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                destination.abandon()
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    /// Restores the default actions once the results are published (or the reservation given back).
    func disarm() {
        for source in sources { source.cancel() }
        signal(SIGTERM, SIG_DFL)
        signal(SIGINT, SIG_DFL)
    }
}
