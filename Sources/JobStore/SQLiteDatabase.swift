import CSQLite
import Foundation

/// One SQLite connection, used by one thread (the coordinator loop, or an aggregation thread).
package final class SQLiteDatabase {
    private(set) var handle: OpaquePointer?

    package init(path: String, readOnly: Bool = false) throws(StoreError) {
        var db: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            throw StoreError(operation: "open \(path)", code: rc, message: message)
        }
        handle = db
        sqlite3_busy_timeout(db, Self.busyTimeoutMilliseconds)
    }

    /// How long a statement waits for another connection's lock before failing.
    package static let busyTimeoutMilliseconds: Int32 = 5000

    package func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    deinit { close() }

    package func close() {
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// Leaves the WAL in place when the connection closes (`SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE`).
    package func skipCheckpointOnClose() throws(StoreError) {
        let rc = transborder_sqlite3_db_config_flag(handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1)
        guard rc == SQLITE_OK else { throw error("SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE", rc) }
    }

    package func error(_ operation: String, _ rc: Int32) -> StoreError {
        StoreError(operation: operation, code: rc, message: handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed")
    }

    /// Runs one or more statements without results.
    package func execute(_ sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        guard rc == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "error"
            sqlite3_free(message)
            throw StoreError(operation: sql, code: rc, message: text)
        }
    }

    package func prepare(_ sql: String) throws(StoreError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw error("prepare \(sql)", rc) }
        return SQLiteStatement(statement: statement, database: self, sql: sql)
    }

    /// Bytes held by this connection's page cache (`SQLITE_DBSTATUS_CACHE_USED`).
    package var pageCacheBytes: Int {
        var current: Int32 = 0
        var highwater: Int32 = 0
        guard sqlite3_db_status(handle, SQLITE_DBSTATUS_CACHE_USED, &current, &highwater, 0) == SQLITE_OK else { return 0 }
        return Int(current)
    }

    /// Rows changed by the last INSERT/UPDATE/DELETE.
    package var changes: Int { Int(sqlite3_changes(handle)) }
}
