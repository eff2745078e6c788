import CSQLite
import Foundation

/// The coordinator's durable state: SQLite in WAL mode (synchronous=NORMAL: a transaction
/// committed before a `kill -9` survives it; a power cut may lose the last ones).
///
/// Tables: `jobs` (one row per job, with its bundle), `results` (one row per finished task,
/// keyed by `task_key` = job serial × 2³² + task index — the key that deduplicates; an
/// integer rowid key makes the in-order inserts SQLite's fastest path), `tasks` (only tasks with a
/// history: failures, lost leases, last error), `workers` (registrations).
/// A task is finished exactly when its `results` row exists; tasks never dispatched have
/// no row at all, so submitting 10⁶ tasks writes one row.
///
/// Writes are grouped: the coordinator calls `begin()` once per poll-loop iteration and
/// `commit()` before it acknowledges anything (replies, new credit).
package final class JobStore {
    package let path: String
    private let db: SQLiteDatabase
    private var inTransaction = false
    private var insertResultStatement: SQLiteStatement?
    private var readResultStatement: SQLiteStatement?

    package static let schemaVersion = 3

    /// - Parameter ephemeral: the store is deleted after this process (`run`'s local
    ///   cluster): it is never checkpointed (`wal_autocheckpoint=0`, and none on close —
    ///   copying every result into the main file and syncing it cost tens of milliseconds)
    ///   and never synced (`synchronous=OFF`). Commits still happen before acknowledgements,
    ///   so readers (the fold) see exactly what a durable store would hold; only a power
    ///   cut, after which the store is gone anyway, could lose them.
    package init(path: String, readOnly: Bool = false, ephemeral: Bool = false) throws(StoreError) {
        self.path = path
        db = try SQLiteDatabase(path: path, readOnly: readOnly)
        if readOnly { return }
        if ephemeral { try db.skipCheckpointOnClose() }
        try db.execute(ephemeral ? "PRAGMA synchronous=OFF; PRAGMA wal_autocheckpoint=0;" : "PRAGMA synchronous=NORMAL;")
        // 64 KiB pages (new stores only; an existing store keeps its page size): a task's
        // result, often tens of kilobytes, fits in one page instead of a chain of 4 KiB
        // overflow pages — each a WAL frame of two write(2) calls at every commit.
        try db.execute(
            """
            PRAGMA page_size=65536;
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS jobs(
                serial INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                bundle_hash TEXT NOT NULL,
                bundle BLOB NOT NULL,
                task_count INTEGER NOT NULL,
                state TEXT NOT NULL,
                error TEXT,
                submitted_at REAL NOT NULL,
                finished_at REAL,
                retries INTEGER NOT NULL DEFAULT 0,
                lost INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS results(
                task_key INTEGER PRIMARY KEY,
                data BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS tasks(
                job INTEGER NOT NULL,
                task_index INTEGER NOT NULL,
                failures INTEGER NOT NULL DEFAULT 0,
                lost INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                PRIMARY KEY(job, task_index)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS workers(
                name TEXT PRIMARY KEY,
                threads INTEGER NOT NULL,
                credit INTEGER NOT NULL,
                state TEXT NOT NULL,
                first_seen REAL NOT NULL,
                last_seen REAL NOT NULL,
                tasks_done INTEGER NOT NULL DEFAULT 0);
            INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '\(Self.schemaVersion)');
            """)
        // Schema 3: jobs carry the display name their client gave (stores of schema 2 gain the column).
        let column = try db.prepare("SELECT COUNT(*) FROM pragma_table_info('jobs') WHERE name = 'name'")
        let missing = try column.step() && column.int(0) == 0
        column.reset()
        if missing {
            try db.execute("ALTER TABLE jobs ADD COLUMN name TEXT NOT NULL DEFAULT ''")
        }
        try db.execute("UPDATE meta SET value = '\(Self.schemaVersion)' WHERE key = 'schema_version'")
    }

    // MARK: transactions

    /// Opens the loop iteration's transaction (no-op when one is open).
    package func begin() throws(StoreError) {
        guard !inTransaction else { return }
        try db.execute("BEGIN IMMEDIATE")
        inTransaction = true
    }

    /// Opens a read transaction: one snapshot and one lock for many reads (aggregation).
    package func beginRead() throws(StoreError) {
        guard !inTransaction else { return }
        try db.execute("BEGIN")
        inTransaction = true
    }

    /// Commits the open transaction, if any. Only after this returns may anything be acknowledged.
    package func commit() throws(StoreError) {
        guard inTransaction else { return }
        try db.execute("COMMIT")
        inTransaction = false
    }

    /// Prepares, binds and runs one statement without results.
    private func run(_ sql: String, _ values: [any SQLiteBindable]) throws(StoreError) {
        let s = try db.prepare(sql)
        try s.bind(values)
        try s.step()
    }

    // MARK: jobs

    package func job(id: String) throws(StoreError) -> JobRecord? {
        try jobs(where: "id = ?", [id]).first
    }

    /// Jobs in submission order; `activeOnly` limits to queued/running/aggregating.
    package func jobs(activeOnly: Bool = false) throws(StoreError) -> [JobRecord] {
        try jobs(where: activeOnly ? "state IN ('queued','running','aggregating')" : "1", [])
    }

    private func jobs(where clause: String, _ values: [any SQLiteBindable]) throws(StoreError) -> [JobRecord] {
        let s = try db.prepare(
            """
            SELECT serial, id, kind, bundle_hash, task_count, state, error, submitted_at, finished_at, retries, lost, name
            FROM jobs WHERE \(clause) ORDER BY serial
            """)
        try s.bind(values)
        var out: [JobRecord] = []
        while try s.step() {
            let stored = s.string(5) ?? ""
            // A state this version does not know (a newer coordinator's store, or damage)
            // is an error, not a guess: reading it as `failed` would lose a running job.
            guard let state = JobState(rawValue: stored) else {
                throw StoreError(operation: "read job \(s.string(1) ?? "?")", code: 0, message: "unknown job state '\(stored)'")
            }
            out.append(
                JobRecord(
                    serial: s.int(0), id: s.string(1) ?? "", kind: s.string(2) ?? "", bundleHash: s.string(3) ?? "",
                    taskCount: s.int(4), state: state, error: s.string(6),
                    submittedAt: s.double(7), finishedAt: s.isNull(8) ? nil : s.double(8),
                    retries: s.int(9), lost: s.int(10), name: s.string(11) ?? ""))
        }
        return out
    }

    /// Inserts a new job; returns its serial.
    package func insertJob(
        id: String, kind: String, bundleHash: String, bundle: [UInt8], taskCount: Int, submittedAt: Double,
        name: String = ""
    ) throws(StoreError) -> Int {
        let s = try db.prepare(
            """
            INSERT INTO jobs(id, kind, bundle_hash, bundle, task_count, state, submitted_at, name) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?)
            """)
        try s.bind([id, kind, bundleHash, bundle, taskCount, submittedAt, name])
        try s.step()
        return Int(sqlite3_last_insert_rowid(db.handle))
    }

    package func bundle(serial: Int) throws(StoreError) -> [UInt8]? {
        let s = try db.prepare("SELECT bundle FROM jobs WHERE serial = ?")
        try s.bind([serial])
        guard try s.step() else { return nil }
        return [UInt8](s.blob(0))
    }

    package func setState(serial: Int, _ state: JobState, error: String? = nil, finishedAt: Double? = nil) throws(StoreError) {
        try run("UPDATE jobs SET state = ?, error = ?, finished_at = ? WHERE serial = ?", [state.rawValue, error, finishedAt, serial])
    }

    package func setCounters(serial: Int, retries: Int, lost: Int) throws(StoreError) {
        try run("UPDATE jobs SET retries = ?, lost = ? WHERE serial = ?", [retries, lost, serial])
    }

    /// Forgets failure histories of a job (a failed or cancelled job submitted again).
    package func clearTaskHistory(serial: Int) throws(StoreError) {
        try run("DELETE FROM tasks WHERE job = ?", [serial])
    }

    /// Marks a failed or cancelled job submitted again: queued, with a new submission time
    /// and name (its results and counters are kept).
    package func resubmit(serial: Int, name: String, submittedAt: Double) throws(StoreError) {
        try run(
            "UPDATE jobs SET state = 'queued', error = NULL, finished_at = NULL, submitted_at = ?, name = ? WHERE serial = ?",
            [submittedAt, name, serial])
    }

    /// Removes a job, its results and its task histories (FORGET, PRUNE).
    package func deleteJob(serial: Int) throws(StoreError) {
        try run("DELETE FROM results WHERE task_key BETWEEN ? AND ?", [Self.taskKey(serial, 0), Self.taskKey(serial, 0xffff_ffff)])
        try run("DELETE FROM tasks WHERE job = ?", [serial])
        try run("DELETE FROM jobs WHERE serial = ?", [serial])
    }

    /// Rewrites the database file without its free pages (after FORGET or PRUNE) and
    /// truncates the WAL. Outside any transaction; blocks for a time proportional to the
    /// store's size.
    package func vacuum() throws(StoreError) {
        try commit()
        try db.execute("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")
    }

    /// Bytes of the database file and its WAL.
    package var fileBytes: Int {
        let manager = FileManager.default
        return [path, path + "-wal"].reduce(0) { total, file in
            total + ((try? manager.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
    }

    // MARK: results

    /// Stores a result; false when (job, index) already has one (a duplicate).
    package func insertResult(job serial: Int, index: Int, payload: [UInt8]) throws(StoreError) -> Bool {
        if insertResultStatement == nil {
            insertResultStatement = try db.prepare("INSERT OR IGNORE INTO results(task_key, data) VALUES (?, ?)")
        }
        guard let s = insertResultStatement else { return false }
        try s.stepBinding(key: Self.taskKey(serial, index), payload: payload)
        return db.changes == 1
    }

    /// The stored result of a task, or nil.
    package func result(job serial: Int, index: Int) throws(StoreError) -> Data? {
        if readResultStatement == nil {
            readResultStatement = try db.prepare("SELECT data FROM results WHERE task_key = ?")
        }
        guard let s = readResultStatement else { return nil }
        try s.bindInteger(Self.taskKey(serial, index))
        defer { s.reset() }
        guard try s.step() else { return nil }
        return s.blob(0)
    }

    /// Calls `body` with every finished task index of a job, ascending.
    package func forEachResultIndex(job serial: Int, _ body: (Int) -> Void) throws(StoreError) {
        let s = try db.prepare("SELECT task_key FROM results WHERE task_key BETWEEN ? AND ? ORDER BY task_key")
        try s.bind([Self.taskKey(serial, 0), Self.taskKey(serial, 0xffff_ffff)])
        while try s.step() { body(s.int(0) & 0xffff_ffff) }
    }

    package func resultCount(job serial: Int) throws(StoreError) -> Int {
        let s = try db.prepare("SELECT COUNT(*) FROM results WHERE task_key BETWEEN ? AND ?")
        try s.bind([Self.taskKey(serial, 0), Self.taskKey(serial, 0xffff_ffff)])
        guard try s.step() else { return 0 }
        return s.int(0)
    }

    /// `results.task_key` of (job serial, task index): serial × 2³² + index.
    package static func taskKey(_ serial: Int, _ index: Int) -> Int { serial << 32 | (index & 0xffff_ffff) }

    // MARK: task histories

    /// Records a failure by the task's own error; returns the task's failure count.
    package func recordFailure(job serial: Int, index: Int, error: String) throws(StoreError) -> Int {
        let s = try db.prepare(
            """
            INSERT INTO tasks(job, task_index, failures, last_error) VALUES (?, ?, 1, ?)
            ON CONFLICT(job, task_index) DO UPDATE SET failures = failures + 1, last_error = excluded.last_error
            RETURNING failures
            """)
        try s.bind([serial, index, error])
        guard try s.step() else { return 1 }
        let failures = s.int(0)
        s.reset()
        return failures
    }

    /// Records a lost lease (worker died, left or the lease expired): not a failure.
    package func recordLost(job serial: Int, index: Int) throws(StoreError) {
        let s = try db.prepare(
            """
            INSERT INTO tasks(job, task_index, lost) VALUES (?, ?, 1)
            ON CONFLICT(job, task_index) DO UPDATE SET lost = lost + 1
            """)
        try s.bind([serial, index])
        try s.step()
    }

    /// Failure counts of a job's tasks that have any (for attempt numbers after a restart).
    package func failureCounts(job serial: Int) throws(StoreError) -> [Int: Int] {
        let s = try db.prepare("SELECT task_index, failures FROM tasks WHERE job = ? AND failures > 0")
        try s.bind([serial])
        var out: [Int: Int] = [:]
        while try s.step() { out[s.int(0)] = s.int(1) }
        return out
    }

    // MARK: workers

    package func recordWorker(
        name: String, threads: Int, credit: Int, state: StoredWorkerState, now: Double, tasksDone: Int
    ) throws(StoreError) {
        let s = try db.prepare(
            """
            INSERT INTO workers(name, threads, credit, state, first_seen, last_seen, tasks_done) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET threads = excluded.threads, credit = excluded.credit, state = excluded.state,
                last_seen = excluded.last_seen, tasks_done = workers.tasks_done + excluded.tasks_done
            """)
        try s.bind([name, threads, credit, state.storedText, now, now, tasksDone])
        try s.step()
    }
}
