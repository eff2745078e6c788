import Foundation

/// One file a job produces, by bare name (no folders) and bytes.
public struct OutputFile: Sendable, Hashable {
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }
}
