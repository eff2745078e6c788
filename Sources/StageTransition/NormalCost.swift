import Foundation

/// ruptures `CostNormal` (1.1.10, `add_small_diag=True`, the default of
/// `Dynp(model="normal")` and `Pelt(model="normal")`) in O(d³) per segment,
/// independent of the segment length:
///
/// c[a, b) = (b − a) × log|det(Σ̂ + 10⁻⁶ I)|, with Σ̂ the population variance
/// when d = 1 (`sub.var()`, divisor b − a) and the sample covariance when
/// d > 1 (`np.cov(sub.T)`, divisor b − a − 1). The determinant is taken by
/// LU with partial pivoting (as `numpy.linalg.slogdet`), keeping log|det|.
///
/// Σ̂ comes from compensated prefix sums of the columns and of the products
/// x_i x_j (i ≤ j), on columns centred on their overall mean.
struct NormalCost: SegmentCost {
    /// ruptures's bias added to the covariance diagonal (PR #198).
    static let smallDiagonal = 1e-6

    let rows: Int
    let dims: Int
    private let sums: CompensatedPrefixSums
    /// Channel index of the product x_i x_j (i ≤ j).
    private let productChannel: [Int]

    init(_ signal: Signal) {
        let n = signal.rows
        let d = signal.dims
        let centred = signal.centredValues()
        var channelOf = [Int](repeating: 0, count: d * d)
        var pairs: [(Int, Int)] = []
        for i in 0..<d {
            for j in i..<d {
                channelOf[i * d + j] = d + pairs.count
                channelOf[j * d + i] = d + pairs.count
                pairs.append((i, j))
            }
        }
        rows = n
        dims = d
        productChannel = channelOf
        let productPairs = pairs
        sums = CompensatedPrefixSums(rows: n, channels: d + pairs.count) { row, channel in
            if channel < d { return centred[row * d + channel] }
            let (i, j) = productPairs[channel - d]
            return centred[row * d + i] * centred[row * d + j]
        }
    }

    func withKernel<Result>(_ body: (Kernel) -> Result) -> Result {
        sums.storage.withUnsafeBufferPointer { buffer in
            productChannel.withUnsafeBufferPointer { channels in
                body(Kernel(sums: buffer.baseAddress!, stride: sums.stride, dims: dims, productChannel: channels))
            }
        }
    }

    struct Kernel: SegmentKernel {
        let sums: UnsafePointer<Double>
        let stride: Int
        let dims: Int
        let productChannel: UnsafeBufferPointer<Int>

        func cost(_ start: Int, _ end: Int) -> Double {
            let length = Double(end - start)
            let d = dims
            let a = sums + start * stride
            let b = sums + end * stride
            @inline(__always) func segmentSum(_ channel: Int) -> Double {
                let o = 2 * channel
                return (b[o] - a[o]) + (b[o + 1] - a[o + 1])
            }
            if d == 1 {
                let s = segmentSum(0)
                var variance = (segmentSum(1) - s * s / length) / length
                if variance < 0 { variance = 0 }
                return length * log(Swift.abs(variance + NormalCost.smallDiagonal))
            }
            let divisor = length - 1
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: d * d + d) { buffer -> Double in
                let matrix = buffer.baseAddress!
                let means = matrix + d * d
                for i in 0..<d { means[i] = segmentSum(i) }
                for i in 0..<d {
                    for j in i..<d {
                        let centred = segmentSum(productChannel[i * d + j]) - means[i] * means[j] / length
                        let value = centred / divisor
                        matrix[i * d + j] = value
                        matrix[j * d + i] = value
                    }
                    matrix[i * d + i] += NormalCost.smallDiagonal
                }
                return length * LogDeterminant.logAbsDeterminant(matrix, order: d)
            }
        }
    }
}
