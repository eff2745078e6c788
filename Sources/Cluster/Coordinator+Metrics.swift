import Logging

/// The coordinator's state as Prometheus sees it (`--metrics`).
extension Coordinator {
    /// The text of one scrape. A snapshot that fails (the store cannot be read) is logged
    /// here, once per failed scrape with the error as metadata, and rethrown, so that
    /// `MetricsEndpoint.serve` answers the scraper with a failure instead of an empty
    /// page.
    func scrapeText() throws -> String {
        do {
            return try metricsSnapshot().text
        } catch {
            logger.error("metrics unavailable: the scrape is answered 500", metadata: ["error": "\(error)"])
            throw error
        }
    }

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
