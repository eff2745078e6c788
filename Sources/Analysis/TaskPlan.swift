import CooperationNetwork

/// One unit of distributable work: the point estimate of a scenario, or a
/// batch of its bootstrap replicates. A pure function of the job and the task.
package struct AnalysisTask: Sendable, Hashable, Codable {
    package var index: Int
    /// Index into `TaskPlan.scenarios` (0 = baseline).
    package var scenario: Int
    /// Replicate numbers of the batch; nil for the scenario's point estimate.
    package var replicates: Range<Int>?
}

/// The tasks of a job, scenario-major: for each scenario its point estimate,
/// then its replicate batches. Aggregation folds results in this order.
package struct TaskPlan: Sendable {
    package let scenarios: [Scenario]
    package let tasks: [AnalysisTask]

    package init(spec: JobSpec, panel: Panel) {
        let scenarios = Scenario.planned(by: spec.sensitivity, panel: panel)
        var tasks: [AnalysisTask] = []
        let batch = max(1, spec.bootstrap.batchSize)
        for (s, _) in scenarios.enumerated() {
            tasks.append(AnalysisTask(index: tasks.count, scenario: s, replicates: nil))
            let count = s == 0 ? spec.bootstrap.replicates : spec.sensitivity.replicates
            var r = 0
            while r < count {
                let end = min(count, r + batch)
                tasks.append(AnalysisTask(index: tasks.count, scenario: s, replicates: r..<end))
                r = end
            }
        }
        self.scenarios = scenarios
        self.tasks = tasks
    }

    /// Number of bootstrap replicates planned for scenario `s`.
    package func replicateCount(scenario s: Int, spec: JobSpec) -> Int {
        s == 0 ? spec.bootstrap.replicates : spec.sensitivity.replicates
    }
}
