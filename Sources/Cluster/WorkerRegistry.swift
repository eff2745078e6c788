/// The registered workers: sessions by routing id, in registration order (dispatch
/// rotates over it, `status` lists it), and the name → connection rule (names are
/// identities: one live connection per name).
///
/// A value type with its own tests (WorkerRegistryTests); sessions change in place
/// through the subscript (`_modify`, so a session's in-flight set is never copied).
struct WorkerRegistry {
    private var sessions: [PeerID: WorkerSession] = [:]
    /// Routing ids in registration order.
    private(set) var order: [PeerID] = []
    /// Registered peers, checked out or not (what `checkIn` accepts).
    private var members: Set<PeerID> = []

    var count: Int { order.count }
    var isEmpty: Bool { order.isEmpty }

    /// The session of `peer`; change it in place (`registry[peer]?.lastHeard = now`).
    /// Adding and removing go through `add` and `remove`, which keep the order.
    subscript(peer: PeerID) -> WorkerSession? {
        get { sessions[peer] }
        _modify { yield &sessions[peer] }
    }

    func contains(_ peer: PeerID) -> Bool { sessions[peer] != nil }

    /// Takes `peer`'s session out for a long change (dispatch), keeping its place in the
    /// order; `checkIn` puts it back. A copy left inside would make every insert into
    /// its in-flight set copy the whole set.
    mutating func checkOut(_ peer: PeerID) -> WorkerSession? { sessions.removeValue(forKey: peer) }

    mutating func checkIn(_ session: WorkerSession) {
        guard members.contains(session.peer) else { return }
        sessions[session.peer] = session
    }

    /// Registers a session last in order (replacing one of the same peer, which keeps its place).
    mutating func add(_ session: WorkerSession) {
        if members.insert(session.peer).inserted { order.append(session.peer) }
        sessions[session.peer] = session
    }

    /// Forgets `peer` (also while checked out); returns its session (nil while checked out).
    @discardableResult
    mutating func remove(_ peer: PeerID) -> WorkerSession? {
        guard members.remove(peer) != nil else { return nil }
        order.removeAll { $0 == peer }
        return sessions.removeValue(forKey: peer)
    }

    /// The connection registered under `name`, if any.
    func peer(named name: String) -> PeerID? {
        order.first { sessions[$0]?.name == name }
    }

    /// Sessions in registration order.
    var all: [WorkerSession] { order.compactMap { sessions[$0] } }

    /// Names in registration order.
    var names: [String] { order.compactMap { sessions[$0]?.name } }
}
