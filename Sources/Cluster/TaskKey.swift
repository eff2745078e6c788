/// A task of a job: (job serial, task index), packed into the store's result key
/// (serial × 2³² + index) so the coordinator's hot sets and maps (leases, tasks in
/// flight) hash one integer, not a job id string. Results are deduplicated by it.
package struct TaskKey: Hashable, Sendable {
    package let packed: Int

    package init(serial: Int, index: Int) {
        packed = serial << 32 | index
    }

    package var serial: Int { packed >> 32 }
    package var index: Int { packed & 0xFFFF_FFFF }
}
