import ConcurrencyTools
import Foundation

/// Watches the parent process of a worker started by `transborder run`: when the
/// given parent is no longer its parent (it died, and the worker was re-parented —
/// possibly even before the worker started, hence the explicit pid), the worker
/// sends itself SIGTERM to
/// drain, and exits after 2 s at the latest — the run's coordinator lived in the
/// parent, so nothing is left to hand results to.
enum ParentWatch {
    static func start(parent: Int32) {
        // Never joined: it lives as long as the process, and ends it.
        _ = OwnedThread(name: "parent-watch") { _ in
            while getppid() == parent { usleep(250_000) }
            kill(getpid(), SIGTERM)
            sleep(2)
            _exit(0)
        }
    }
}
