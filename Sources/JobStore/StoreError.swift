/// A failed SQLite call on the job store: the SQLite result code and message, and what we were doing.
package struct StoreError: Error, CustomStringConvertible, Sendable {
    package var operation: String
    package var code: Int32
    package var message: String

    package init(operation: String, code: Int32, message: String) {
        self.operation = operation
        self.code = code
        self.message = message
    }

    package var description: String { "job store: \(operation): \(message) (sqlite \(code))" }
}
