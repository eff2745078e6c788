import ClusterProtocol
import CooperationNetwork
import Foundation
import JobStore
import Logging
import ZeroMQ

/// Live authorization: the `--authorized-keys` folder is re-read on SIGHUP and whenever
/// its fingerprint (`KeyFolderFingerprint`, checked every heartbeat interval) changes.
///
/// An added key is admitted at its next handshake. A removed key is refused at its next
/// handshake (the ZAP handler decides against the new set), a registered worker whose
/// key it was is told `DISCONNECT 6` and released at once (its leases end, its tasks are
/// re-queued for the others), and every later message over a connection admitted with
/// that key is dropped and answered `DISCONNECT 6` (worker) or `ERROR 14` (client):
/// libzmq cannot close one accepted connection of a ROUTER, so the coordinator stops
/// listening to it instead.
extension Coordinator {
    /// Z85 text → file name: how the loop recognises a message's ZAP user id.
    static func userIDs(_ keys: AuthorizedKeys) -> [String: String] {
        Dictionary(uniqueKeysWithValues: keys.names.map { ($0.key.z85, $0.value) })
    }

    /// Re-reads the folder when `requested` (SIGHUP) or when it changed since last seen.
    func checkAuthorizedKeys(requested: Bool) throws {
        guard let admission, let folder = admission.credentials.folder else {
            if requested { logger.info("SIGHUP: nothing to re-read (no --authorized-keys)") }
            return
        }
        let seen = KeyFolderFingerprint.take(folder: folder)
        guard requested || seen != keyFolderSeen else { return }
        keyFolderSeen = seen
        let trigger = requested ? "SIGHUP" : "folder changed"
        let scan: (keys: AuthorizedKeys, problems: InputError)
        do { scan = try AuthorizedKeys.scan(folder: folder) } catch {
            logger.error(
                "cannot re-read the authorized keys; the \(authorizedKeys.count) key(s) read before stay in force: \(error)",
                metadata: ["folder": "\(folder)", "trigger": "\(trigger)"])
            return
        }
        if !scan.problems.isEmpty {
            logger.error(
                "authorized keys: bad files are not admitted:\n\(scan.problems)",
                metadata: ["folder": "\(folder)", "trigger": "\(trigger)"])
        }
        let added = scan.keys.names(notIn: authorizedKeys)
        let removed = authorizedKeys.names(notIn: scan.keys)
        // Equal sets of keys may still differ in names (a file renamed): the new names count.
        guard scan.keys != authorizedKeys else {
            logger.info("authorized keys re-read: unchanged", metadata: ["keys": "\(scan.keys.count)", "trigger": "\(trigger)"])
            return
        }
        authorizedKeys = scan.keys
        authorizedIDs = Self.userIDs(scan.keys)
        admission.update(scan.keys)
        logger.notice(
            "authorized keys reloaded",
            metadata: [
                "keys": "\(scan.keys.count)", "added": "\(added.joined(separator: ","))", "removed": "\(removed.joined(separator: ","))",
                "trigger": "\(trigger)",
            ])
        if scan.keys.count == 0 {
            logger.warning("no authorized key left: every worker and client is refused", metadata: ["folder": "\(folder)"])
        }
        try releaseUnauthorizedWorkers()
    }

    /// Releases every registered worker whose key is no longer authorized (DISCONNECT 6).
    func releaseUnauthorizedWorkers() throws {
        for peer in workers.order {
            guard let session = workers[peer], let key = session.key, authorizedIDs[key] == nil else { continue }
            let keyName = session.keyName ?? "?"
            logger.warning(
                "worker's CURVE key is no longer authorized: disconnecting it",
                metadata: [
                    "worker": "\(session.name)", "key_name": "\(keyName)", "key": "\(key)", "peer": "\(peer)",
                    "in_flight": "\(session.inFlight.count)",
                ])
            reply(
                peer,
                WorkerMessage.disconnect(
                    reason: .keyNotAuthorized, text: "this worker's CURVE key ('\(keyName)') is no longer authorized by the coordinator"
                ).frames)
            try releaseWorker(peer, reason: .keyRevoked(keyName))
        }
    }

    /// Drops a message that arrived over a connection whose key is no longer authorized
    /// (or that has no ZAP user id on a CURVE coordinator) and tells the peer why.
    func refuseUnauthorized(_ peer: PeerID, _ message: ReceivedMessage) {
        drop(
            .unauthorized, peer: peer, "message over a connection whose CURVE key is no longer authorized",
            metadata: ["key": "\(message.userID ?? "none")"])
        guard message.frames.count > 1 else { return }
        let text = "this connection's CURVE key is no longer authorized by the coordinator"
        if message.frames[1] == WireProtocol.workerHeader {
            // A worker's goodbye needs no answer (and a DISCONNECT answered with one could ping-pong).
            if message.frames.count > 2, message.frames[2] == [WorkerMessage.Code.disconnect.rawValue] { return }
            reply(peer, WorkerMessage.disconnect(reason: .keyNotAuthorized, text: text).frames)
        } else if message.frames[1] == WireProtocol.clientHeader {
            reply(peer, ClientMessage.error(code: .keyNotAuthorized, message: text).frames)
        }
    }
}
