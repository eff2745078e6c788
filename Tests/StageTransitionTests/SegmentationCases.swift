import StageTransition
import TestSupport

/// A short random step signal for the exhaustive searches, with the settings it is
/// segmented under.
struct SegmentationCase {
    var values: [Double]
    var rows: Int
    var dims: Int
    var minSize: Int
    var model: CostModel
    /// Uncertain tie starts (row, ± years) for the dating blur; empty for none.
    var uncertainStarts: [(row: Int, years: Int)] = []
}

/// What the brute-force tests enumerate and draw.
enum SegmentationCases {
    /// Every segmentation of 0..<n with all segments ≥ m rows, as end indices.
    static func all(rows n: Int, minSize m: Int) -> [[Int]] {
        var out: [[Int]] = []
        func extend(_ ends: [Int], from start: Int) {
            if start == n {
                out.append(ends)
                return
            }
            var end = start + m
            while end <= n {
                if n - end == 0 || n - end >= m { extend(ends + [end], from: end) }
                end += 1
            }
        }
        extend([], from: 0)
        return out
    }

    /// `count` cases of 8–13 rows (`rows`), 1–2 columns, every third `normal`; with
    /// `blurred`, 1–3 uncertain starts of 0–2 years each, drawn after the signal.
    static func drawn(
        count: Int, seed: UInt64, rows rowRange: ClosedRange<Int> = 8...13, blurred: Bool = false
    )
        -> [SegmentationCase]
    {
        var random = TestRandom(seed: seed)
        return (0..<count).map { index in
            let rows = random.int(rowRange)
            let dims = random.int(1...2)
            let model: CostModel = index % 3 == 2 ? .normal : .l2
            let minSize = random.int(model == .normal ? 2...3 : 1...3)
            var c = SegmentationCase(
                values: random.steps(rows: rows, dims: dims), rows: rows, dims: dims, minSize: minSize, model: model)
            if blurred {
                c.uncertainStarts = (0..<random.int(1...3)).map { _ in
                    (row: random.int(0..<rows), years: random.int(0...2))
                }
            }
            return c
        }
    }
}
