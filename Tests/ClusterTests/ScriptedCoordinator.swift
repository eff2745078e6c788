import ClusterProtocol
import ConcurrencyTools
import Foundation
import ZeroMQ

/// A coordinator played by the test: a real ROUTER on its own thread that decodes each
/// client request and answers what `script` returns for it (nil: no answer, as a
/// coordinator whose reply is lost or that never answers). Records every request.
final class ScriptedCoordinator: Sendable {
    let endpoint: String
    private let received = GuardedCondition<[ClientMessage]>([])
    private let thread: OwnedThread

    /// Binds `endpoint` and returns once it is bound. `script` gets each request and how
    /// many requests came before it.
    init(endpoint: String, script: @escaping @Sendable (ClientMessage, Int) -> ClientMessage?) throws {
        self.endpoint = endpoint
        let bound = GuardedCondition<Bool?>(nil)
        let received = self.received
        thread = OwnedThread(name: "scripted-coordinator") { thread in
            let context = try ZMQContext()
            let router = try context.socket(.router)
            defer { router.close() }
            do { try router.bind(endpoint) } catch {
                bound.withLock { access in
                    access.state = false
                    access.broadcast()
                }
                throw error
            }
            bound.withLock { access in
                access.state = true
                access.broadcast()
            }
            var poller = ZMQPoller()
            poller.addReadable(router)
            while !thread.stopRequested {
                guard try poller.poll(timeoutMilliseconds: 50) > 0 else { continue }
                while let message = try router.receive(dontWait: true), message.frames.count >= 2 {
                    guard let request = try? ClientMessage.decode(message.frames.dropFirst(2)) else { continue }
                    let before = received.withLock { access in
                        access.state.append(request)
                        return access.state.count - 1
                    }
                    if let reply = script(request, before) {
                        _ = try router.send([message.frames[0]] + reply.frames, dontWait: false)
                    }
                }
            }
        }
        let ready = bound.withLock { access in
            access.wait { $0 != nil }
            return access.state
        }
        if ready != true { try thread.join() }
    }

    /// The requests received so far, in order.
    var requests: [ClientMessage] { received.withLock { $0.state } }

    func stop() {
        thread.requestStop()
        try? thread.join()
    }
}
