/// The outcome of a power iteration (eigenvector centrality, PageRank).
package struct PowerIterationResult: Sendable, Hashable {
    /// One value per node.
    package var values: [Double]
    /// Iterations run.
    package var iterations: Int
    /// Whether Σ|xₖ − xₖ₋₁| fell below n · tolerance within `maxIterations`
    /// (networkx raises `PowerIterationFailedConvergence` otherwise; here the last
    /// iterate is returned and the caller decides).
    package var converged: Bool

    package init(values: [Double], iterations: Int, converged: Bool) {
        self.values = values
        self.iterations = iterations
        self.converged = converged
    }
}
