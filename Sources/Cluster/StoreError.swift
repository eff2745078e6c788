/// A failed SQLite call on the job store: the SQLite result code and message, and what we were doing.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var operation: String
    public var code: Int32
    public var message: String

    public var description: String { "job store: \(operation): \(message) (sqlite \(code))" }
}
