/// The ZAP handler's answer to one request (RFC 27 status codes).
package struct ZAPDecision: Sendable, Hashable {
    /// "200" admits the peer, "400" refuses it (authentication failure), "500" is an
    /// internal error (libzmq refuses the peer as well).
    package var statusCode: String
    package var statusText: String
    /// The identity the peer is known by once admitted (libzmq exposes it as the
    /// "User-Id" message property); empty when refused.
    package var userID: String

    package static func admit(userID: String) -> ZAPDecision {
        ZAPDecision(statusCode: "200", statusText: "OK", userID: userID)
    }

    package static func refuse(_ reason: String) -> ZAPDecision {
        ZAPDecision(statusCode: "400", statusText: reason, userID: "")
    }

    package var isAdmitted: Bool { statusCode == "200" }

    /// The reply frames: version, request id, status code, status text, user id, metadata (empty).
    func replyFrames(requestID: [UInt8]) -> [[UInt8]] {
        [Array("1.0".utf8), requestID, Array(statusCode.utf8), Array(statusText.utf8), Array(userID.utf8), []]
    }
}
