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

    package static let schemaVersion = 4

    /// Frames in the WAL (64 KiB pages: 16 MiB) after which a commit checkpoints it
    /// (PASSIVE, SQLite's `wal_autocheckpoint`); SQLite's default of 1,000 pages would let
    /// the WAL reach 64 MiB.
    package static let autocheckpointPages = 256
    /// Bytes the WAL file is truncated to when SQLite restarts it after a checkpoint
    /// (`journal_size_limit`): without it the file keeps its largest size until a clean stop.
    package static let walSizeLimit = 16 * 1024 * 1024

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
        try db.execute(
            ephemeral
                ? "PRAGMA synchronous=OFF; PRAGMA wal_autocheckpoint=0;"
                : "PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=\(Self.autocheckpointPages); PRAGMA journal_size_limit=\(Self.walSizeLimit);"
        )
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
        // Schema 3: jobs carry the display name their client gave; schema 4: their
        // priority (fair-share weight) and the workers quarantined for them. Older stores
        // gain the columns.
        for (column, definition) in [
            ("name", "TEXT NOT NULL DEFAULT ''"), ("priority", "INTEGER NOT NULL DEFAULT 1"),
            ("quarantined", "TEXT NOT NULL DEFAULT ''"),
        ] {
            let check = try db.prepare("SELECT COUNT(*) FROM pragma_table_info('jobs') WHERE name = '\(column)'")
            let missing = try check.step() && check.int(0) == 0
            check.reset()
            if missing { try db.execute("ALTER TABLE jobs ADD COLUMN \(column) \(definition)") }
        }
        try db.execute(
            """
            CREATE INDEX IF NOT EXISTS jobs_by_submission ON jobs(submitted_at);
            UPDATE meta SET value = '\(Self.schemaVersion)' WHERE key = 'schema_version';
            """)
        // Again, now that the page size is settled: on a new store SQLite sized the cache
        // for 4 KiB pages when the connection opened (2,000 KiB = 465 pages) and keeps that
        // page count after `page_size=65536`, so the cache grew with the store up to 30 MiB
        // — the coordinator's RSS grew ≈ 0.35 kB per finished job (docs/PERFORMANCE.md).
        try db.execute("PRAGMA cache_size=-\(Self.pageCacheKibibytes)")
    }

    /// The page cache of the writing connection, in KiB (SQLite's default of 2,000 KiB,
    /// stated so that it holds whatever the page size): 31 pages of 64 KiB.
    package static let pageCacheKibibytes = 2000

    /// Bytes the connection's page cache holds now (`SQLITE_DBSTATUS_CACHE_USED`): bounded
    /// by `pageCacheKibibytes` (plus a page) however large the store grows.
    package var pageCacheBytes: Int { db.pageCacheBytes }

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
            SELECT \(Self.jobColumns) FROM jobs WHERE \(clause) ORDER BY serial
            """)
        try s.bind(values)
        var out: [JobRecord] = []
        while try s.step() { out.append(try Self.record(s)) }
        return out
    }

    private static let jobColumns =
        "serial, id, kind, bundle_hash, task_count, state, error, submitted_at, finished_at, retries, lost, name, priority, quarantined"

    /// A `jobColumns` row.
    private static func record(_ s: SQLiteStatement) throws(StoreError) -> JobRecord {
        let stored = s.string(5) ?? ""
        // A state this version does not know (a newer coordinator's store, or damage)
        // is an error, not a guess: reading it as `failed` would lose a running job.
        guard let state = JobState(rawValue: stored) else {
            throw StoreError(operation: "read job \(s.string(1) ?? "?")", code: 0, message: "unknown job state '\(stored)'")
        }
        let quarantined = s.string(13) ?? ""
        return JobRecord(
            serial: s.int(0), id: s.string(1) ?? "", kind: s.string(2) ?? "", bundleHash: s.string(3) ?? "",
            taskCount: s.int(4), state: state, error: s.string(6),
            submittedAt: s.double(7), finishedAt: s.isNull(8) ? nil : s.double(8),
            retries: s.int(9), lost: s.int(10), name: s.string(11) ?? "", priority: max(1, s.int(12)),
            quarantined: quarantined.isEmpty ? [] : quarantined.split(separator: "\n").map(String.init))
    }

    /// Jobs matching `filter`, newest submission first, at most `filter.limit`; and how
    /// many match in all (`status` without a job: the reply stays bounded).
    package func jobs(matching filter: JobFilter) throws(StoreError) -> (jobs: [JobRecord], matching: Int) {
        var clauses: [String] = []
        var values: [any SQLiteBindable] = []
        if let states = filter.states {
            clauses.append("state IN (\(states.map { _ in "?" }.joined(separator: ", ")))")
            values += states.map(\.rawValue)
        }
        if let since = filter.since {
            clauses.append("(finished_at IS NULL OR finished_at >= ?)")
            values.append(since)
        }
        if let match = filter.match {
            // Prefix of the id or the name, compared byte for byte (no LIKE wildcards).
            clauses.append("(substr(id, 1, length(?)) = ? OR substr(name, 1, length(?)) = ?)")
            values += [match, match, match, match]
        }
        let clause = clauses.isEmpty ? "1" : clauses.joined(separator: " AND ")
        let count = try db.prepare("SELECT COUNT(*) FROM jobs WHERE \(clause)")
        try count.bind(values)
        let matching = try count.step() ? count.int(0) : 0
        count.reset()
        let s = try db.prepare(
            "SELECT \(Self.jobColumns) FROM jobs WHERE \(clause) ORDER BY submitted_at DESC, serial DESC LIMIT ?")
        try s.bind(values + [filter.limit])
        var out: [JobRecord] = []
        while try s.step() { out.append(try Self.record(s)) }
        return (out, matching)
    }

    /// Ids of done, failed or cancelled jobs that finished before `time` (seconds since 1970).
    package func finishedJobIDs(before time: Double) throws(StoreError) -> [String] {
        let s = try db.prepare(
            "SELECT id FROM jobs WHERE state IN ('done', 'failed', 'cancelled') AND finished_at < ? ORDER BY finished_at, serial")
        try s.bind([time])
        var out: [String] = []
        while try s.step() { out.append(s.string(0) ?? "") }
        return out
    }

    /// How many jobs the store holds in each state.
    package func jobCounts() throws(StoreError) -> [JobState: Int] {
        let s = try db.prepare("SELECT state, COUNT(*) FROM jobs GROUP BY state")
        var out: [JobState: Int] = [:]
        while try s.step() {
            if let state = JobState(rawValue: s.string(0) ?? "") { out[state] = s.int(1) }
        }
        return out
    }

    /// Inserts a new job; returns its serial.
    package func insertJob(
        id: String, kind: String, bundleHash: String, bundle: [UInt8], taskCount: Int, submittedAt: Double,
        name: String = "", priority: Int = 1
    ) throws(StoreError) -> Int {
        let s = try db.prepare(
            """
            INSERT INTO jobs(id, kind, bundle_hash, bundle, task_count, state, submitted_at, name, priority)
            VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?)
            """)
        try s.bind([id, kind, bundleHash, bundle, taskCount, submittedAt, name, priority])
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

    /// A job's fair-share weight (`submit --priority`).
    package func setPriority(serial: Int, _ priority: Int) throws(StoreError) {
        try run("UPDATE jobs SET priority = ? WHERE serial = ?", [priority, serial])
    }

    /// The workers quarantined for a job (kept with its final state; names one per line).
    package func setQuarantined(serial: Int, _ names: [String]) throws(StoreError) {
        try run("UPDATE jobs SET quarantined = ? WHERE serial = ?", [names.joined(separator: "\n"), serial])
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
    package func resubmit(serial: Int, name: String, submittedAt: Double, priority: Int = 1) throws(StoreError) {
        try run(
            """
            UPDATE jobs SET state = 'queued', error = NULL, finished_at = NULL, submitted_at = ?, name = ?, priority = ?,
                quarantined = '' WHERE serial = ?
            """,
            [submittedAt, name, priority, serial])
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

    /// Copies the WAL into the database and truncates it to zero bytes
    /// (`wal_checkpoint(TRUNCATE)`), outside any transaction. Waits at most `busyMilliseconds`
    /// for readers (the folds) to let go; false when it could not finish, which is harmless:
    /// the next one, or SQLite's automatic checkpoint, does it.
    @discardableResult
    package func checkpoint(busyMilliseconds: Int32 = 200) throws(StoreError) -> Bool {
        try commit()
        db.setBusyTimeout(milliseconds: busyMilliseconds)
        defer { db.setBusyTimeout(milliseconds: SQLiteDatabase.busyTimeoutMilliseconds) }
        let s = try db.prepare("PRAGMA wal_checkpoint(TRUNCATE)")
        defer { s.reset() }
        do {
            guard try s.step() else { return false }
        } catch  where error.code == SQLITE_BUSY || error.code == SQLITE_LOCKED {
            return false
        }
        return s.int(0) == 0
    }

    /// Bytes of the WAL file (0 when there is none).
    package var walBytes: Int { Self.fileSize(path + "-wal") }

    /// Bytes of the database file and its WAL.
    package var fileBytes: Int { Self.fileSize(path) + walBytes }

    /// Bytes of a file, 0 when it does not exist.
    private static func fileSize(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
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

    /// Results stored from worker `name` over its whole life (0 for a new name): a
    /// worker's counter continues when it registers again.
    package func workerTasksDone(name: String) throws(StoreError) -> Int {
        let s = try db.prepare("SELECT tasks_done FROM workers WHERE name = ?")
        try s.bind([name])
        defer { s.reset() }
        return try s.step() ? s.int(0) : 0
    }

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
