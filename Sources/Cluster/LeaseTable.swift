import ClusterProtocol
/// Who may answer for each task handed out: the worker holding its lease and, after a
/// lease expired, the worker that last held it — its late result is still welcome while
/// the task is unfinished (compute is deterministic). Anyone else's RESULT or FAILED for
/// the task is dropped (docs/PROTOCOL.md, "Conformance").
///
/// A value type so its rules are unit-tested without sockets (LeaseTableTests).
struct LeaseTable {
    private(set) var active: [TaskKey: Lease] = [:]
    /// Holders of expired leases, by task, until the task is answered or its job ends.
    private(set) var previousHolders: [TaskKey: PeerID] = [:]
    /// Active leases per job serial: fair share compares jobs by it on every dispatch,
    /// `status` and metrics read it. A job's entry may sit at 0 until `removeJob`.
    private(set) var perJob: [Int: Int] = [:]

    var count: Int { active.count }

    func lease(_ key: TaskKey) -> Lease? { active[key] }

    func isLeased(_ key: TaskKey) -> Bool { active[key] != nil }

    /// Hands `key` to `worker` until `deadline` (a previous holder, if any, stays one).
    mutating func grant(_ key: TaskKey, to worker: PeerID, deadline: Double, attempt: Int) {
        if active.updateValue(Lease(worker: worker, deadline: deadline, attempt: attempt), forKey: key) == nil {
            perJob[key.serial, default: 0] += 1
        }
    }

    /// Hands a batch of job `serial`'s tasks to `worker` (dispatch: one count update per batch).
    mutating func grant(serial: Int, _ tasks: [TaskAssignment], to worker: PeerID, deadline: Double) {
        var added = 0
        for task in tasks {
            let lease = Lease(worker: worker, deadline: deadline, attempt: task.attempt)
            if active.updateValue(lease, forKey: TaskKey(serial: serial, index: task.index)) == nil { added += 1 }
        }
        perJob[serial, default: 0] += added
    }

    /// Removes the active lease of `key`, keeping `perJob` in step (one lookup: a count
    /// reaching 0 stays until the job is removed).
    private mutating func removeActive(_ key: TaskKey) -> Lease? {
        guard let lease = active.removeValue(forKey: key) else { return nil }
        perJob[key.serial, default: 1] -= 1
        return lease
    }

    /// Whether `peer` may answer (RESULT or FAILED) for `key`.
    func mayAnswer(_ key: TaskKey, peer: PeerID) -> Bool {
        if active[key]?.worker == peer { return true }
        return !previousHolders.isEmpty && previousHolders[key] == peer
    }

    /// The task is finished: forgets its lease and previous holder. Returns the active
    /// lease, which may be another worker's (when a previous holder answered first).
    mutating func settle(_ key: TaskKey) -> Lease? {
        if !previousHolders.isEmpty { previousHolders.removeValue(forKey: key) }
        return removeActive(key)
    }

    /// `peer` answered for `key` with a failure: its lease or its previous-holder claim
    /// ends. True when it held the active lease (the task is then unleased).
    mutating func endClaim(_ key: TaskKey, of peer: PeerID) -> Bool {
        if active[key]?.worker == peer {
            _ = removeActive(key)
            return true
        }
        if previousHolders[key] == peer { previousHolders.removeValue(forKey: key) }
        return false
    }

    /// Ends a lease without an answer (its worker died or left); nil when not leased.
    mutating func revoke(_ key: TaskKey) -> Lease? {
        removeActive(key)
    }

    /// Leases whose deadline is before `now`: removed, their holders kept as previous holders.
    mutating func expire(now: Double) -> [(key: TaskKey, lease: Lease)] {
        let expired = active.filter { $0.value.deadline < now }
        for (key, lease) in expired {
            _ = removeActive(key)
            previousHolders[key] = lease.worker
        }
        return expired.map { (key: $0.key, lease: $0.value) }
    }

    /// Every lease and previous holder of job `serial`: removed; returns the active leases.
    mutating func removeJob(serial: Int) -> [(key: TaskKey, lease: Lease)] {
        let leases = (perJob[serial] ?? 0) == 0 ? [:] : active.filter { $0.key.serial == serial }
        for key in leases.keys { active.removeValue(forKey: key) }
        perJob.removeValue(forKey: serial)
        if !previousHolders.isEmpty { previousHolders = previousHolders.filter { $0.key.serial != serial } }
        return leases.map { (key: $0.key, lease: $0.value) }
    }

    /// Tasks of job `serial` under an active lease.
    func count(serial: Int) -> Int { perJob[serial] ?? 0 }
}
