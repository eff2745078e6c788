import Foundation

/// One output file of a job, produced in memory by the pure core and written
/// atomically by the caller.
public struct ResultFile: Sendable, Hashable {
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }

    public init(name: String, text: String) {
        self.init(name: name, data: Data(text.utf8))
    }
}
