import Analysis
@_exported import AtomicOutput

extension OutputFolder {
    /// Writes the analysis' result files (all or nothing, see `write(_:)`).
    public func write(_ files: [ResultFile]) throws {
        try write(files.map { (name: $0.name, data: $0.data) })
    }
}
