import Foundation

/// One file a job produces, by bare name (no folders) and bytes: made in memory (by the
/// analysis, a fold, a backend) and written whole or not at all by `OutputFolder`,
/// `OutputDestination` or the cluster's result folders.
package struct OutputFile: Sendable, Hashable {
    package var name: String
    package var data: Data

    package init(name: String, data: Data) {
        self.name = name
        self.data = data
    }

    /// A text file, UTF-8 encoded.
    package init(name: String, text: String) {
        self.init(name: name, data: Data(text.utf8))
    }
}
