/// Settings shared by every measure. Defaults are networkx 3.x's conventions with
/// tighter convergence tolerances for the iterative measures.
package struct CentralityOptions: Sendable, Hashable {
    /// How weights become path lengths (betweenness, closeness, harmonic).
    package var distance: DistanceMode
    /// Worker threads for the all-pairs shortest-path measures. Results are
    /// bit-identical for every value (fixed source chunks, fixed-order reduction).
    package var threads: Int
    /// networkx `normalized=True`: divide by (n−1)(n−2) (directed, ordered pairs) or
    /// (n−1)(n−2)/2 (undirected); `false` gives raw pair sums (unordered pairs when undirected).
    package var normalizedBetweenness: Bool
    /// PageRank damping factor α.
    package var damping: Double
    /// Power iterations stop when Σ|xₖ − xₖ₋₁| < n · tolerance (networkx's test;
    /// networkx's default 1e-6 is only ~1e-7 accurate, hence the tight default).
    package var tolerance: Double
    /// Cap on power iterations (eigenvector, PageRank); the result reports whether it converged.
    package var maxIterations: Int

    package init(
        distance: DistanceMode = .inverse, threads: Int = 1, normalizedBetweenness: Bool = true,
        damping: Double = 0.85, tolerance: Double = 1e-15, maxIterations: Int = 100_000
    ) {
        self.distance = distance
        self.threads = threads
        self.normalizedBetweenness = normalizedBetweenness
        self.damping = damping
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }
}
