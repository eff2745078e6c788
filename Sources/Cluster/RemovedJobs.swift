import ClusterProtocol
/// The reply to FORGET and PRUNE: which jobs were removed and the store's size around it.
package struct RemovedJobs: Sendable, Codable, Equatable {
    package var removed: [String]
    package var storeBytesBefore: Int
    package var storeBytesAfter: Int

    enum CodingKeys: String, CodingKey {
        case removed
        case storeBytesBefore = "store_bytes_before"
        case storeBytesAfter = "store_bytes_after"
    }
}
