/// The coordinator's state as Prometheus sees it (`--metrics`).
extension Coordinator {
    func metricsSnapshot() -> CoordinatorMetrics {
        var snapshot = CoordinatorMetrics()
        for job in jobs.activeJobs {
            let inFlight = leases.count(serial: job.serial)
            snapshot.jobs.append(
                CoordinatorMetrics.Job(
                    id: job.id, name: job.name, queued: max(0, job.taskCount - job.done.count - inFlight), inFlight: inFlight,
                    done: job.done.count, failedAttempts: job.retries, lost: job.lost, quarantinedWorkers: job.quarantined.count))
            snapshot.jobsByState[job.state.reported, default: 0] += 1
            if isWaitingForWorkers(job, eligible: eligibleWorkers(for: job)) { snapshot.jobsWaitingForWorkers += 1 }
        }
        for status in jobs.finishedStatuses { snapshot.jobsByState[status.state, default: 0] += 1 }
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
