import CSQLite
import Foundation

/// A value a statement parameter can hold: SQLite's INTEGER, REAL, TEXT, BLOB or NULL.
/// The store binds only these types, so a wrong one fails to compile instead of
/// failing at run time (`SQLITE_MISMATCH`).
package protocol SQLiteBindable {
    /// Binds `self` to parameter `position` (1-based) of `statement`; returns SQLite's code.
    func bind(to statement: OpaquePointer, at position: Int32) -> Int32
}

/// SQLite copies bound text and blobs before the call returns (`SQLITE_TRANSIENT`).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension Int: SQLiteBindable {
    package func bind(to statement: OpaquePointer, at position: Int32) -> Int32 {
        sqlite3_bind_int64(statement, position, Int64(self))
    }
}

extension Double: SQLiteBindable {
    package func bind(to statement: OpaquePointer, at position: Int32) -> Int32 {
        sqlite3_bind_double(statement, position, self)
    }
}

extension String: SQLiteBindable {
    package func bind(to statement: OpaquePointer, at position: Int32) -> Int32 {
        sqlite3_bind_text(statement, position, self, -1, transient)
    }
}

extension Array: SQLiteBindable where Element == UInt8 {
    package func bind(to statement: OpaquePointer, at position: Int32) -> Int32 {
        withUnsafeBytes {
            sqlite3_bind_blob(statement, position, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32($0.count), transient)
        }
    }
}

extension Data: SQLiteBindable {
    package func bind(to statement: OpaquePointer, at position: Int32) -> Int32 {
        withUnsafeBytes {
            sqlite3_bind_blob(statement, position, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32($0.count), transient)
        }
    }
}

/// NULL for nil.
extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    package func bind(to statement: OpaquePointer, at position: Int32) -> Int32 {
        switch self {
        case .none: sqlite3_bind_null(statement, position)
        case .some(let value): value.bind(to: statement, at: position)
        }
    }
}
