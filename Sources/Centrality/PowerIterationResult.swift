/// The outcome of a power iteration (eigenvector centrality, PageRank).
public struct PowerIterationResult: Sendable, Hashable {
    /// One value per node.
    public var values: [Double]
    /// Iterations run.
    public var iterations: Int
    /// Whether Σ|xₖ − xₖ₋₁| fell below n · tolerance within `maxIterations`
    /// (networkx raises `PowerIterationFailedConvergence` otherwise; here the last
    /// iterate is returned and the caller decides).
    public var converged: Bool

    public init(values: [Double], iterations: Int, converged: Bool) {
        self.values = values
        self.iterations = iterations
        self.converged = converged
    }
}
