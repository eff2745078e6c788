/// How long a client keeps asking a coordinator that does not answer, and how it says so
/// (`--wait-timeout`; `ClusterClient.persistently`).
///
/// Silence is counted from the last reply (or from the request, when none came yet): a
/// coordinator that is restarting, unreachable or gone looks the same from here, so the
/// client retries on a fresh socket, calls `notice` every `noticeEvery` seconds of
/// silence and gives up (`ClientError.notAnswering`) after `giveUpAfter`.
package struct ClientPatience: Sendable {
    /// Seconds of silence before giving up; nil: never.
    package var giveUpAfter: Double?
    /// Seconds between notices.
    package var noticeEvery: Double
    /// Called with the whole seconds of silence so far, at each notice.
    package var notice: @Sendable (Int) -> Void

    package init(giveUpAfter: Double?, noticeEvery: Double = 10, notice: @escaping @Sendable (Int) -> Void) {
        self.giveUpAfter = giveUpAfter
        self.noticeEvery = noticeEvery
        self.notice = notice
    }
}
