import Analysis
import Foundation

/// Writes result files into a folder, each atomically (temporary name, then rename).
enum ResultWriting {
    static func write(_ files: [ResultFile], into folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in files {
            try file.data.write(to: folder.appendingPathComponent(file.name), options: .atomic)
        }
    }
}
