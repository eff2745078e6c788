import Foundation

/// What `status` without a job asks for (STATUS's optional filter frame, UTF-8 JSON
/// `{"states": [...], "since": "<ISO 8601>", "match": "...", "limit": n}`, every key
/// optional): the coordinator filters and cuts the list itself, newest submission first,
/// so the reply stays bounded however many jobs it keeps (docs/PROTOCOL.md).
package struct JobListFilter: Sendable, Equatable, Codable {
    /// Jobs listed when a request gives no limit (and by a client without the filter frame).
    package static let defaultLimit = 50
    /// The largest limit the coordinator honours (≈ 400 bytes of JSON per job).
    package static let maxLimit = 10_000

    /// States to list (nil: every state).
    package var states: [ReportedJobState]?
    /// Jobs still active or finished at or after this time, seconds since 1970 (JSON: ISO 8601 UTC).
    package var since: Double?
    /// Jobs whose id or name starts with this text (job references are resolved among them).
    package var match: String?
    /// Most jobs listed, newest submission first (nil: `defaultLimit`).
    package var limit: Int?

    package init(states: [ReportedJobState]? = nil, since: Double? = nil, match: String? = nil, limit: Int? = nil) {
        self.states = states
        self.since = since
        self.match = match
        self.limit = limit
    }

    /// The limit the coordinator applies: the one asked for within 1…`maxLimit`, or the default.
    package var effectiveLimit: Int { min(max(limit ?? Self.defaultLimit, 1), Self.maxLimit) }

    enum CodingKeys: String, CodingKey {
        case states, since, match, limit
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        states = try c.decodeIfPresent([ReportedJobState].self, forKey: .states)
        match = try c.decodeIfPresent(String.self, forKey: .match)
        limit = try c.decodeIfPresent(Int.self, forKey: .limit)
        if let text = try c.decodeIfPresent(String.self, forKey: .since) {
            guard let seconds = UTCTimestamp.seconds(text) else {
                throw DecodingError.dataCorruptedError(forKey: .since, in: c, debugDescription: "not an ISO 8601 UTC time: \(text)")
            }
            since = seconds
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(states, forKey: .states)
        try c.encodeIfPresent(since.map(UTCTimestamp.string), forKey: .since)
        try c.encodeIfPresent(match, forKey: .match)
        try c.encodeIfPresent(limit, forKey: .limit)
    }

    /// The frame's bytes (keys sorted).
    package var json: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(self)) ?? Data("{}".utf8))
    }

    /// Parses the filter frame; a frame that is not such an object is malformed.
    package static func decode(_ frame: [UInt8]) throws(FrameError) -> JobListFilter {
        guard frame.count <= 4096 else { throw .malformed("STATUS filter longer than 4096 bytes") }
        do {
            return try JSONDecoder().decode(JobListFilter.self, from: Data(frame))
        } catch {
            throw .malformed("STATUS filter is not a JSON object {states, since, match, limit}: \(error)")
        }
    }
}
