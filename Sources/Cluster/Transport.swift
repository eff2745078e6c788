/// How a local cluster's processes talk: tcp loopback or a Unix-domain (ipc) socket.
package enum Transport: String, Sendable, CaseIterable {
    case tcp, ipc
}
