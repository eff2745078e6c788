/// The coordinator's view of a registered worker.
struct WorkerSession {
    var peer: PeerID
    var name: String
    /// The CURVE key its connection was admitted with (Z85, the ZAP user id) and that
    /// key's file name; nil on a plaintext coordinator.
    var key: String? = nil
    var keyName: String? = nil
    var threads: Int
    /// Most tasks this worker holds at once (declared in READY).
    var credit: Int
    /// Tasks sent to this worker and not yet answered.
    var inFlight: Set<TaskKey> = []
    var lastHeard: Double
    var lastSent: Double
    /// Results stored from this worker name over its life (persisted, continued when it
    /// registers again) / since last persisted.
    var tasksDone = 0
    var tasksDoneUnsaved = 0

    var freeCredit: Int { max(0, credit - inFlight.count) }
}
