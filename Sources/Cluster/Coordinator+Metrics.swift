/// The coordinator's state as Prometheus sees it (`--metrics`).
extension Coordinator {
    func metricsSnapshot() throws -> CoordinatorMetrics {
        var snapshot = CoordinatorMetrics()
        for job in jobs.activeJobs {
            let inFlight = leases.count(serial: job.serial)
            snapshot.jobs.append(
                CoordinatorMetrics.Job(
                    id: job.id, name: job.name, queued: max(0, job.taskCount - job.done.count - inFlight), inFlight: inFlight,
                    done: job.done.count, failedAttempts: job.retries, lost: job.lost, quarantinedWorkers: job.quarantined.count))
            if isWaitingForWorkers(job, eligible: eligibleWorkers(for: job)) { snapshot.jobsWaitingForWorkers += 1 }
        }
        for (state, count) in try store.jobCounts() { snapshot.jobsByState[state.reported, default: 0] += count }
        snapshot.jobsInMemory = jobs.counts.byID
        snapshot.foldStreams = aggregator.count
        snapshot.leases = leases.count
        snapshot.walBytes = store.walBytes
        snapshot.pageCacheBytes = store.pageCacheBytes
        snapshot.resultsStored = resultsStored
        let names = workers.names
        snapshot.workersConnected = names.count
        let quarantined = Set(jobs.activeJobs.flatMap(\.quarantined))
        snapshot.workersQuarantined = names.filter { quarantined.contains($0) }.count
        snapshot.storeBytes = store.fileBytes
        snapshot.dropped = dropped
        return snapshot
    }
}
