/// A segment cost that leaves the dating blur of its boundaries out of the fit.
///
/// Segment [start, end) is fitted on its core rows [start + blur(start),
/// end − blur(end)) and its cost extrapolated to its whole length, so that
/// segmentations with different numbers of blurred boundaries stay comparable
/// (no break lowers the cost merely by discarding rows):
/// - `l2`: the residual sum of squares of the core × (length − 1)/(core − 1), which
///   has the expectation of the whole segment's under constant-mean noise;
/// - `normal`: length × log|Σ̂| with Σ̂ of the core (the cost is per row already).
/// A segment whose core is shorter than `coreMinimum` (min_size: a stage's level is
/// estimated from at least min_size years outside the blur) costs +∞: the
/// searches never choose it. With no blur this is the base cost unchanged.
///
/// Ties: a sharp step recorded at year T fits every boundary within ±d of T
/// equally well once the blurred years are left out (the cores are equally
/// clean), and the searches' earliest-break rule would move it d years early.
/// Among segmentations whose blurred costs tie, the one whose *plain* cost is
/// lowest wins (`tieBreak`): the boundary the recorded dates fit best.
struct BlurredCost<Base: SegmentCost>: SegmentCost {
    enum Extrapolation: Sendable {
        /// Residual sums of squares (`l2`): × (length − 1)/(core − 1).
        case residualSum
        /// Costs proportional to the length (`normal`): × length/core.
        case perRow
    }

    let base: Base
    let blur: [Int]
    let coreMinimum: Int
    let extrapolation: Extrapolation

    /// `blur` has blurred boundaries (`BoundaryBlur.years`, rows + 1 entries; a search
    /// without any runs on the base cost itself); `coreMinimum` ≥ 2 for `l2`.
    init(_ base: Base, blur: BoundaryBlur, coreMinimum: Int, extrapolation: Extrapolation) {
        precondition(blur.years.count == base.rows + 1, "a blur for \(base.rows) rows")
        self.base = base
        self.blur = blur.years
        self.coreMinimum = coreMinimum
        self.extrapolation = extrapolation
    }

    var rows: Int { base.rows }

    func withKernel<Result>(_ body: (Kernel) -> Result) -> Result {
        blur.withUnsafeBufferPointer { blur in
            base.withKernel { inner in
                // rows + 1 entries: never empty.
                body(Kernel(base: inner, blur: blur.baseAddress!, coreMinimum: coreMinimum, extrapolation: extrapolation))
            }
        }
    }

    struct Kernel: SegmentKernel {
        let base: Base.Kernel
        let blur: UnsafePointer<Int>
        let coreMinimum: Int
        let extrapolation: Extrapolation

        @inline(__always)
        func cost(_ start: Int, _ end: Int) -> Double {
            let left = blur[start]
            let right = blur[end]
            if left == 0 && right == 0 { return base.cost(start, end) }
            let coreStart = start + left
            let coreEnd = end - right
            let core = coreEnd - coreStart
            guard core >= coreMinimum else { return .infinity }
            let length = end - start
            switch extrapolation {
            case .residualSum:
                return base.cost(coreStart, coreEnd) * Double(length - 1) / Double(core - 1)
            case .perRow:
                return base.cost(coreStart, coreEnd) * Double(length) / Double(core)
            }
        }

        /// The plain cost of the whole segment.
        @inline(__always)
        func tieBreak(_ start: Int, _ end: Int) -> Double { base.cost(start, end) }
    }
}
