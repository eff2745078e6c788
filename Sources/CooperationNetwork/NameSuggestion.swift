/// "Did you mean …?" for misspelt keys, ids, regions and layers.
///
/// Uses the Levenshtein distance on Unicode scalars, case-insensitively; a
/// candidate is suggested when it is within a third of the name's length
/// (at least 1, at most 3 edits); failing that, a candidate that starts with
/// the name or the reverse. Ties go to the earliest candidate, so the
/// suggestion is deterministic for a fixed candidate order.
package enum NameSuggestion {
    /// The closest candidate to `name`, or nil when none is close enough.
    package static func closest<Candidates: Sequence>(to name: String, in candidates: Candidates) -> String?
    where Candidates.Element == String {
        let target = Array(name.lowercased().unicodeScalars)
        let limit = min(3, max(1, target.count / 3))
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let other = Array(candidate.lowercased().unicodeScalars)
            guard abs(other.count - target.count) <= limit else { continue }
            let distance = levenshtein(target, other)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (distance, candidate)
            }
        }
        if let best { return best.candidate }
        // No near spelling: a name that is a prefix of a candidate or the reverse
        // ("Amur" → "Amur Oblast", "latitude" → "lat"), at least 3 letters shared.
        let lowered = name.lowercased()
        guard lowered.count >= 3 else { return nil }
        return candidates.first { candidate in
            let other = candidate.lowercased()
            return other.count >= 3 && (other.hasPrefix(lowered) || lowered.hasPrefix(other))
        }
    }

    /// " (did you mean 'x'?)" or "" — ready to append to a message.
    package static func hint<Candidates: Sequence>(for name: String, in candidates: Candidates) -> String
    where Candidates.Element == String {
        closest(to: name, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Edit distance (insertions, deletions, substitutions), two-row dynamic programming.
    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
