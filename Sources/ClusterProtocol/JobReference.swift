/// How operators name a job: by id, by name, or by an unambiguous prefix of either.
///
/// Rules, in order: an exact id; an exact name — the most recently submitted job of that
/// name; a prefix of ids and names matching exactly one job. Several matches are refused
/// with the candidates listed (an operator must not act on a guess), none as unknown.
package enum JobReference {
    /// Why a reference names no single job.
    package enum ResolutionError: Error, CustomStringConvertible, Equatable, Sendable {
        case unknown(String)
        case ambiguous(String, candidates: [String])

        package var description: String {
            switch self {
            case .unknown(let reference): "no job with id or name '\(reference)'"
            case .ambiguous(let reference, let candidates):
                "'\(reference)' matches \(candidates.count) jobs: \(candidates.joined(separator: ", ")); give more of the id or the full name"
            }
        }
    }

    /// Whether `text` is a job id (16 lowercase hex digits).
    package static func isJobID(_ text: String) -> Bool {
        text.utf8.count == 16 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The id of the job `reference` names among `jobs`.
    package static func resolve(_ reference: String, among jobs: [JobStatus]) throws(ResolutionError) -> String {
        guard !reference.isEmpty else { throw .unknown(reference) }
        if let exact = jobs.first(where: { $0.job == reference }) { return exact.job }
        let named = jobs.filter { $0.name == reference }
        if let latest = named.max(by: { ($0.submittedAt, $0.job) < ($1.submittedAt, $1.job) }) { return latest.job }
        let matches = jobs.filter { $0.job.hasPrefix(reference) || (!$0.name.isEmpty && $0.name.hasPrefix(reference)) }
        switch matches.count {
        case 0: throw .unknown(reference)
        case 1: return matches[0].job
        default:
            throw .ambiguous(
                reference,
                candidates: matches.sorted { $0.submittedAt < $1.submittedAt }
                    .map { $0.name.isEmpty ? $0.job : "\($0.job) (\($0.name))" })
        }
    }
}
