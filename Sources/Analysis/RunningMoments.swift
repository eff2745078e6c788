/// Streaming mean and variance (Welford 1962): flat memory in the number of replicates.
public struct RunningMoments: Sendable, Hashable, Codable {
    public private(set) var count = 0
    public private(set) var mean = 0.0
    private var m2 = 0.0

    public init() {}

    public mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
    }

    /// Sample standard deviation (n − 1); 0 with fewer than two values.
    public var standardDeviation: Double {
        count > 1 ? (m2 / Double(count - 1)).squareRoot() : 0
    }
}
