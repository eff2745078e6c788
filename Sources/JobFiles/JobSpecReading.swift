import Analysis
import CooperationNetwork

/// A job spec as read, with everything needed to report later checks at the
/// right YAML line: the issues found so far and the line of every value.
///
/// `spec` holds the defaults wherever a value was invalid, so that the data
/// can still be checked in the same run when the paths and years are usable.
struct JobSpecReading {
    var spec: JobSpec
    var issues: InputError
    /// Line of every value read, by YAML path.
    var lines: [String: Int]
    /// Whether `data.places` and `data.links` were read without issue.
    var dataValid: Bool
    /// Whether `years.first` and `years.last` were read and ordered.
    var yearsValid: Bool
}
