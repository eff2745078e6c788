/// Which jobs `status` without a job lists: by state, activity since a time, id or name
/// prefix, and at most `limit` of them (newest submission first), so its reply stays
/// bounded however many jobs the store keeps.
package struct JobFilter: Sendable, Equatable {
    /// Stored states to keep (nil: all).
    package var states: [JobState]?
    /// Keep jobs still active or finished at or after this time (seconds since 1970).
    package var since: Double?
    /// Keep jobs whose id or name starts with this text (how `JobReference` candidates are found).
    package var match: String?
    /// Most jobs listed.
    package var limit: Int

    package init(states: [JobState]? = nil, since: Double? = nil, match: String? = nil, limit: Int) {
        self.states = states
        self.since = since
        self.match = match
        self.limit = limit
    }
}
