import ArgumentParser

/// `--workers N`: how many worker processes a command starts on this machine (`run`,
/// `bench cluster`, `bench fairness`, `bench jobs`), from `Defaults.minimumWorkers` to 256.
struct WorkerProcessCount<Defaults: LocalProcessDefaults>: ParsableArguments {
    @Option(help: "Worker processes\(Defaults.minimumWorkers == 0 ? " (0: compute in this process)" : "").")
    var workers: Int = 2

    func validate() throws {
        guard (Defaults.minimumWorkers...256).contains(workers) else {
            throw ValidationError("--workers must be \(Defaults.minimumWorkers)…256")
        }
    }
}
