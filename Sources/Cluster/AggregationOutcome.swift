/// The end of an aggregation: the job id and the error, if it failed.
struct AggregationOutcome: Sendable {
    var id: String
    var error: String?
}
