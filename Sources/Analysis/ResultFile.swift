@_exported import AtomicOutput

/// The analysis' output files are `OutputFile`s (AtomicOutput), the one file type of
/// every writer and folder.
public typealias ResultFile = OutputFile
