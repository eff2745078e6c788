import Synchronization

/// Hands finished work from other threads to a loop that polls ZeroMQ sockets: `post`
/// appends under a lock and pokes the loop's `WakeSignal`; the loop calls `take()`
/// when woken. (The coordinator's background work and its fold streams report so.)
final class LoopMailbox<Item: Sendable>: Sendable {
    private let items = Mutex<[Item]>([])
    private let wake: WakeSignal

    init(wake: WakeSignal) {
        self.wake = wake
    }

    /// From any thread: leaves `item` for the loop and wakes it.
    func post(_ item: Item) {
        items.withLock { $0.append(item) }
        if let sender = try? wake.makeSender() {
            _ = try? sender.send([[1]])
            sender.close()
        }
    }

    /// On the loop: everything posted since the last call, in order.
    func take() -> [Item] {
        items.withLock { items in
            defer { items.removeAll() }
            return items
        }
    }
}
