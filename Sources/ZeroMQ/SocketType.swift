import CZeroMQ

/// The ZeroMQ socket patterns this project uses.
public enum SocketType: Sendable {
    /// `stream`: raw TCP, each message framed as [connection id, bytes] (the metrics endpoint's HTTP).
    case router, dealer, push, pull, pair, req, rep, stream

    var rawValue: Int32 {
        switch self {
        case .router: ZMQ_ROUTER
        case .dealer: ZMQ_DEALER
        case .push: ZMQ_PUSH
        case .pull: ZMQ_PULL
        case .pair: ZMQ_PAIR
        case .req: ZMQ_REQ
        case .rep: ZMQ_REP
        case .stream: ZMQ_STREAM
        }
    }
}
