import CSQLite
import Foundation

/// A prepared statement, reused across calls (bind, step, reset).
package final class SQLiteStatement {
    private let statement: OpaquePointer
    private unowned let database: SQLiteDatabase
    private let sql: String

    package init(statement: OpaquePointer, database: SQLiteDatabase, sql: String) {
        self.statement = statement
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(statement) }

    /// Binds parameters (1-based, in order).
    package func bind(_ values: [any SQLiteBindable]) throws(StoreError) {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        for (i, value) in values.enumerated() {
            let rc = value.bind(to: statement, at: Int32(i + 1))
            guard rc == SQLITE_OK else { throw database.error("bind \(sql)", rc) }
        }
    }

    /// Runs the statement with a task key and a blob bound — the hot path of result
    /// inserts: no boxing, and the blob is bound without a copy (`SQLITE_STATIC`) while
    /// `payload`'s bytes are borrowed, then unbound before they are given back.
    package func stepBinding(key: Int, payload: [UInt8]) throws(StoreError) {
        sqlite3_reset(statement)
        sqlite3_bind_int64(statement, 1, Int64(key))
        let (operation, rc): (String, Int32) = payload.withUnsafeBytes { raw in
            let bound = sqlite3_bind_blob(statement, 2, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count), nil)
            guard bound == SQLITE_OK else { return ("bind", bound) }
            let stepped = sqlite3_step(statement)
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            return ("step", stepped == SQLITE_DONE || stepped == SQLITE_ROW ? SQLITE_OK : stepped)
        }
        guard rc == SQLITE_OK else { throw database.error("\(operation) \(sql)", rc) }
    }

    /// Binds one integer without boxing.
    package func bindInteger(_ value: Int) throws(StoreError) {
        sqlite3_reset(statement)
        let rc = sqlite3_bind_int64(statement, 1, Int64(value))
        guard rc == SQLITE_OK else { throw database.error("bind \(sql)", rc) }
    }

    /// Advances; true when a row is available.
    @discardableResult
    package func step() throws(StoreError) -> Bool {
        let rc = sqlite3_step(statement)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        sqlite3_reset(statement)
        throw database.error("step \(sql)", rc)
    }

    package func reset() { sqlite3_reset(statement) }

    package func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }
    package func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }
    package func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    package func string(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: text)
    }

    package func blob(_ column: Int32) -> Data {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let pointer = sqlite3_column_blob(statement, column) else { return Data() }
        return Data(bytes: pointer, count: count)
    }
}
