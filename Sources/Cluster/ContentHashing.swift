import CooperationNetwork
import Foundation

/// SHA-256 of byte buffers (CooperationNetwork's `ContentHash`), for Data.
enum ContentHashing {
    static func sha256(_ data: Data) -> String { ContentHash.sha256(data) }
}
