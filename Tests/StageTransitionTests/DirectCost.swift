import Foundation
import StageTransition

/// Segment costs computed directly from their definitions (two-pass means,
/// closed-form determinants for d ≤ 2), independent of the prefix sums.
enum DirectCost {
    static func cost(_ model: CostModel, _ x: [Double], dims d: Int, _ start: Int, _ end: Int) -> Double {
        let n = Double(end - start)
        var mean = [Double](repeating: 0, count: d)
        for t in start..<end { for j in 0..<d { mean[j] += x[t * d + j] } }
        for j in 0..<d { mean[j] /= n }
        func comoment(_ i: Int, _ j: Int) -> Double {
            var s = 0.0
            for t in start..<end { s += (x[t * d + i] - mean[i]) * (x[t * d + j] - mean[j]) }
            return s
        }
        switch model {
        case .l2:
            return (0..<d).reduce(0) { $0 + comoment($1, $1) }
        case .normal:
            precondition(d <= 2, "closed forms for d ≤ 2 only")
            if d == 1 { return n * log(abs(comoment(0, 0) / n + 1e-6)) }
            let a = comoment(0, 0) / (n - 1) + 1e-6
            let b = comoment(0, 1) / (n - 1)
            let c = comoment(1, 1) / (n - 1) + 1e-6
            return n * log(abs(a * c - b * b))
        }
    }

    /// Σ of the direct costs of a segmentation (end indices, last = n).
    static func total(_ model: CostModel, _ x: [Double], dims: Int, _ ends: [Int]) -> Double {
        var start = 0
        var sum = 0.0
        for end in ends {
            sum += cost(model, x, dims: dims, start, end)
            start = end
        }
        return sum
    }
}
