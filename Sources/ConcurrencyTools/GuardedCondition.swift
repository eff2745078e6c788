import Foundation

/// State shared between threads that also *wait* for it to change: a value guarded by
/// one `NSCondition`, read and written only inside `withLock`, where `wait()` releases
/// the lock until another thread calls `signal()` or `broadcast()`.
///
/// `Mutex` (Synchronization) is the tool for state that is never waited on; this is the
/// one for producer/consumer hand-offs (task queues, fold notifications, thread exits).
package final class GuardedCondition<State: Sendable>: @unchecked Sendable {
    // @unchecked Sendable, proof: `state` is private and read or written only through an
    // `Access`, which only `withLock` creates and hands to its body while `condition` is
    // locked (`wait` releases and re-takes that same lock before returning). `Access` is
    // not Sendable, so a body cannot hand it to another thread. Hence every access to
    // `state` happens under one lock, and `State` values cross threads only through it.
    private let condition = NSCondition()
    private var state: State

    package init(_ state: State) {
        self.state = state
    }

    /// Runs `body` with the lock held; `body` may wait on the condition through `access`.
    package func withLock<Result>(_ body: (Access) throws -> Result) rethrows -> Result {
        condition.lock()
        defer { condition.unlock() }
        return try body(Access(owner: self))
    }

    /// The guarded state inside `withLock`: read/write it, wait for a change, announce one.
    package struct Access {
        fileprivate let owner: GuardedCondition

        package var state: State {
            get { owner.state }
            nonmutating set { owner.state = newValue }
            nonmutating _modify { yield &owner.state }
        }

        /// Releases the lock until signalled, then holds it again (loop on your predicate).
        package func wait() { owner.condition.wait() }

        /// Waits until `predicate` holds for the state.
        package func wait(until predicate: (State) -> Bool) {
            while !predicate(owner.state) { owner.condition.wait() }
        }

        /// Like `wait()`, but returns false once `deadline` passed without a signal.
        package func wait(until deadline: Date) -> Bool { owner.condition.wait(until: deadline) }

        /// Wakes one waiting thread.
        package func signal() { owner.condition.signal() }

        /// Wakes every waiting thread.
        package func broadcast() { owner.condition.broadcast() }
    }
}

/// An `Access` is valid only inside the `withLock` body that received it.
@available(*, unavailable)
extension GuardedCondition.Access: Sendable {}
