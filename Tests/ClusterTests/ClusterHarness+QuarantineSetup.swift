import Foundation

extension ClusterHarness {
    /// The quarantine tests' cluster: a coordinator over ipc, a scripted worker "bad" that
    /// fails every task ("disk full") and a real worker "good", both registered on return.
    /// The caller stops `bad` (its thread) when done.
    func startWithFailingAndGoodWorker() throws -> (bad: ScriptedWorker, good: Process) {
        try startCoordinator(transport: .ipc)
        let bad = ScriptedWorker(endpoint: endpoint, name: "bad", credit: 4, behaviour: .failEverything("disk full"))
        bad.start()
        do {
            let good = try startWorker("good", credit: 4)
            try waitFor("2 workers", timeout: 20) { (try? self.client().clusterStatus().workers.count) == 2 }
            return (bad, good)
        } catch {
            bad.stop()
            throw error
        }
    }
}
