import Foundation

/// Watches the parent process of a worker started by `transborder run`: when the
/// parent is gone (the process is re-parented), the worker sends itself SIGTERM to
/// drain, and exits after 2 s at the latest — the run's coordinator lived in the
/// parent, so nothing is left to hand results to.
enum ParentWatch {
    static func start() {
        let parent = getppid()
        let thread = Thread {
            while getppid() == parent { usleep(250_000) }
            kill(getpid(), SIGTERM)
            sleep(2)
            _exit(0)
        }
        thread.name = "parent-watch"
        thread.start()
    }
}
