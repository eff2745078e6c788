import Foundation

#if canImport(Glibc)
    import Glibc

    /// glibc's `int malloc_trim(size_t pad)`, nil where the C library has none.
    private let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()

    /// glibc's `int mallopt(int param, int value)`, nil where the C library has none.
    private let mallocOption: (@convention(c) (Int32, Int32) -> Int32)? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "mallopt") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    }()
#endif

/// The C heap of a long-lived coordinator process (glibc's malloc; no-ops elsewhere).
/// Swift's Glibc module declares neither `malloc_trim` nor `mallopt`: both are looked up once.
package enum ProcessHeap {
    /// glibc's `M_MMAP_THRESHOLD` and `M_ARENA_MAX` (malloc.h).
    static let mmapThresholdParameter: Int32 = -3
    static let arenaMaxParameter: Int32 = -8
    /// Arenas at most: the coordinator's loop has the main one; its short-lived threads
    /// (one fold per job, the background queue) share the second.
    package static let serviceArenas: Int32 = 2
    /// Allocations from this size up are mapped and unmapped on their own (glibc's
    /// default, kept fixed: glibc otherwise raises it to the largest block freed).
    package static let serviceMmapThreshold: Int32 = 128 * 1024

    /// Settings for a process that serves for months: at most `serviceArenas` arenas and a
    /// fixed `serviceMmapThreshold`. Without them each job's fold thread leaves free pages
    /// in one of up to 8 arenas per core, and its SQLite connection's 1.3 MB page-cache block
    /// — after the first one freed raised glibc's mmap threshold — lands in an arena too:
    /// at rest after 10,000–20,000 jobs the coordinator kept 5 MB more (docs/PERFORMANCE.md).
    /// Only for the `coordinator` command: `run`'s in-process workers compute on many
    /// threads and want their own arenas. Call before starting threads. True when applied.
    @discardableResult
    package static func configureForService() -> Bool {
        #if canImport(Glibc)
            guard let mallocOption else { return false }
            let arenas = mallocOption(arenaMaxParameter, serviceArenas)
            let threshold = mallocOption(mmapThresholdParameter, serviceMmapThreshold)
            return arenas == 1 && threshold == 1
        #else
            return false
        #endif
    }

    /// Hands the heap pages freed by finished jobs (their fold threads' arena included)
    /// back to the system, so the resident size follows what is live (`malloc_trim(0)`).
    /// True when some memory was released; false also where there is no `malloc_trim`.
    @discardableResult
    package static func returnFreedMemory() -> Bool {
        #if canImport(Glibc)
            return (mallocTrim?(0) ?? 0) != 0
        #else
            return false
        #endif
    }
}
