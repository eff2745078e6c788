import Foundation

/// What an aggregation thread needs: the job, its bundle and backend, where to read and write.
struct AggregationWork: Sendable {
    var serial: Int
    var id: String
    var bundle: JobBundle
    var backend: any TaskBackend
    var storePath: String
    var destination: URL
    var record: RunRecord
}
