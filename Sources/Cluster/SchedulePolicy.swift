/// How the coordinator shares workers between running jobs (`coordinator --schedule`).
package enum SchedulePolicy: String, Sendable, CaseIterable {
    /// Oldest submission first: a job gets free credit only when every older job has no
    /// task waiting (the behaviour before fair share; kept for comparison).
    case fifo
    /// Weighted fair share of task slots (`FairShare`): each free slot goes to the job
    /// with the fewest leases in flight per unit of priority, so a small job submitted
    /// behind a large one starts at once and finishes in about its own time.
    case fair
}
