/// The reply to FORGET and PRUNE: which jobs were removed and the store's size around it.
public struct RemovedJobs: Sendable, Codable, Equatable {
    public var removed: [String]
    public var storeBytesBefore: Int
    public var storeBytesAfter: Int

    enum CodingKeys: String, CodingKey {
        case removed
        case storeBytesBefore = "store_bytes_before", storeBytesAfter = "store_bytes_after"
    }
}
