/// Why a `Graph` could not be built. Carries the offending edge's position in the
/// input so a caller can point at the line of a file.
package enum GraphError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The node count is negative or too large for 32-bit node indices.
    case invalidNodeCount(Int)
    /// An endpoint is outside `0..<nodeCount`.
    case nodeOutOfRange(edge: Int, node: Int, nodeCount: Int)
    /// A weight that is not finite and strictly positive (NaN, ±∞, 0 or negative).
    case invalidWeight(edge: Int, weight: Double)
    /// More edges (loops aside) than 32-bit arc positions can index.
    case tooManyEdges(Int)

    package var description: String {
        switch self {
        case .invalidNodeCount(let n):
            return "invalid node count \(n) (must be in 0...\(Int32.max))"
        case .nodeOutOfRange(let edge, let node, let nodeCount):
            return "edge \(edge): node \(node) is outside 0..<\(nodeCount)"
        case .invalidWeight(let edge, let weight):
            return "edge \(edge): weight \(weight) is not a finite positive number"
        case .tooManyEdges(let count):
            return "\(count) edges (self-loops aside): at most \(Int32.max) are supported"
        }
    }
}
