import Foundation

/// A thread with an owner: started with a name, asked to stop, joined, and its error
/// (if its body throws) handed to whoever joins it.
///
/// Every thread the code starts is one of these, so each has one lifecycle: the body
/// polls `stopRequested` (or waits on its own state and is woken by its owner),
/// `requestStop()` sets the flag, `join()` blocks until the body returned and rethrows
/// its error. A thread nobody joins (a process-lifetime watcher) is simply left running.
package final class OwnedThread: Sendable {
    /// What the body sees: whether its owner asked it to stop.
    package struct Context: Sendable {
        fileprivate let owner: OwnedThread
        package var stopRequested: Bool { owner.stopRequested }
    }

    private enum Phase {
        case running
        case finished((any Error)?)
    }

    private struct State {
        var stopRequested = false
        var phase = Phase.running
    }

    private let state = GuardedCondition(State())
    package let name: String

    /// Starts `body` on a new thread named `name` (visible in debuggers and crash logs).
    /// - Parameter stackSize: bytes, for bodies with deep recursion (default: the platform's).
    package init(name: String, stackSize: Int? = nil, _ body: @escaping @Sendable (Context) throws -> Void) {
        self.name = name
        let thread = Thread { [self] in
            var failure: (any Error)?
            do { try body(Context(owner: self)) } catch { failure = error }
            state.withLock { access in
                access.state.phase = .finished(failure)
                access.broadcast()
            }
        }
        thread.name = name
        if let stackSize { thread.stackSize = stackSize }
        thread.start()
    }

    /// Whether `requestStop()` was called.
    package var stopRequested: Bool {
        state.withLock { $0.state.stopRequested }
    }

    /// Asks the body to return (it sees `stopRequested`); does not wait.
    package func requestStop() {
        state.withLock { access in
            access.state.stopRequested = true
            access.broadcast()
        }
    }

    /// Whether the body has returned.
    package var isFinished: Bool {
        state.withLock { access in
            if case .finished = access.state.phase { return true }
            return false
        }
    }

    /// Blocks until the body returned; rethrows the error it threw. Any number of callers.
    package func join() throws {
        let failure: (any Error)? = state.withLock { access in
            while true {
                if case .finished(let failure) = access.state.phase { return failure }
                access.wait()
            }
        }
        if let failure { throw failure }
    }

    /// Blocks until the body returned or `seconds` passed; true when it returned.
    /// Rethrows the body's error when it returned with one.
    package func join(timeout seconds: Double) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        let outcome: Phase = state.withLock { access in
            while true {
                if case .finished = access.state.phase { return access.state.phase }
                let left = deadline.timeIntervalSinceNow
                guard left > 0 else { return .running }
                _ = access.wait(until: deadline)
            }
        }
        guard case .finished(let failure) = outcome else { return false }
        if let failure { throw failure }
        return true
    }
}
