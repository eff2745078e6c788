import Foundation

/// One file a job produces, by bare name (no folders) and bytes: made in memory (by the
/// analysis, a fold, a backend) and written whole or not at all by `OutputFolder`,
/// `OutputDestination` or the cluster's result folders.
public struct OutputFile: Sendable, Hashable {
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }

    /// A text file, UTF-8 encoded.
    public init(name: String, text: String) {
        self.init(name: name, data: Data(text.utf8))
    }
}
