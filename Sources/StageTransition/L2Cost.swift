/// ruptures `CostL2` in O(d) per segment:
/// c[a, b) = Σ_t ‖x_t‖² − ‖Σ_t x_t‖² / (b − a), from compensated prefix sums
/// of ‖x_t‖² (summed over columns) and of every column.
///
/// Columns are first centred on their overall mean (the cost is invariant
/// to a shift), which keeps raw, unstandardized series with large offsets
/// from cancelling catastrophically. The result is clamped at 0 like a
/// variance.
struct L2Cost: SegmentCost {
    let rows: Int
    let dims: Int
    private let sums: CompensatedPrefixSums
    /// 1 / length for every length 0...n (a load instead of a division in the kernel).
    private let reciprocals: [Double]

    init(_ signal: Signal) {
        let n = signal.rows
        let d = signal.dims
        let centred = signal.centredValues()
        rows = n
        dims = d
        reciprocals = (0...n).map { $0 == 0 ? 0 : 1 / Double($0) }
        // Channel 0: Σ_dims x²; channels 1...d: the columns.
        sums = CompensatedPrefixSums(rows: n, channels: d + 1) { row, channel in
            if channel == 0 {
                var square = 0.0
                for column in 0..<d {
                    let x = centred[row * d + column]
                    square += x * x
                }
                return square
            }
            return centred[row * d + channel - 1]
        }
    }

    func withKernel<Result>(_ body: (Kernel) -> Result) -> Result {
        sums.storage.withUnsafeBufferPointer { buffer in
            reciprocals.withUnsafeBufferPointer { reciprocals in
                // Neither array is empty: they hold row 0 / length 0 at least.
                body(
                    Kernel(
                        sums: buffer.baseAddress!, reciprocals: reciprocals.baseAddress!,
                        stride: sums.stride, dims: dims))
            }
        }
    }

    struct Kernel: SegmentKernel {
        let sums: UnsafePointer<Double>
        let reciprocals: UnsafePointer<Double>
        let stride: Int
        let dims: Int

        @inline(__always)
        func cost(_ start: Int, _ end: Int) -> Double {
            let a = sums + start * stride
            let b = sums + end * stride
            let squares = (b[0] - a[0]) + (b[1] - a[1])
            var linear = 0.0
            var offset = 2
            for _ in 0..<dims {
                let s = (b[offset] - a[offset]) + (b[offset + 1] - a[offset + 1])
                linear += s * s
                offset += 2
            }
            let value = squares - linear * reciprocals[end - start]
            return value > 0 ? value : 0
        }
    }
}
