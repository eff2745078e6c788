/// Change-point detection on a multivariate series, with ruptures 1.1.10's
/// conventions (docs/CONVENTIONS.md §7) and jump = 1: breakpoints are sorted
/// segment end indices with last = n, `min_size` binds every segment, and
/// results (ties included) equal ruptures's `Dynp` and `Pelt`.
///
/// Pure and allocation-light: no files, no clocks; safe to call from many
/// threads at once (one call per bootstrap replicate).
package enum ChangePoints {
    /// One call for the whole request: standardizes when asked, then runs
    /// `dynp` with `breaks`, `dynp` with automatic k, or `pelt`.
    package static func segment(_ signal: Signal, settings: SegmentationSettings) throws(SegmentationError) -> Segmentation {
        let input = settings.standardize ? signal.standardized() : signal
        switch settings.method {
        case .dynp:
            if let breaks = settings.breaks {
                return try optimal(input, breaks: breaks, cost: settings.cost, minSize: settings.minSize, blur: settings.blur)
            }
            return try automatic(
                input, penalty: settings.penalty, maxBreaks: settings.maxBreaks,
                cost: settings.cost, minSize: settings.minSize, blur: settings.blur)
        case .pelt:
            guard settings.blur.isNone else {
                // PELT's pruning rule assumes that adding a break never raises the
                // cost by more than a constant; a blurred cost does not obey it, so
                // the exact DP finds the same penalized optimum PELT aims at.
                return try automatic(
                    input, penalty: settings.penalty, maxBreaks: .max, cost: settings.cost,
                    minSize: settings.minSize, blur: settings.blur)
            }
            return try pelt(input, penalty: settings.penalty, cost: settings.cost, minSize: settings.minSize)
        }
    }

    /// The exact optimum with `breaks` breaks (ruptures `Dynp(model, min_size, jump=1).fit_predict(signal, n_bkps=breaks)`).
    ///
    /// Throws `tooManyBreaks` when (breaks + 1) × min_size > n (ruptures's
    /// `BadSegmentationParameters`).
    /// With a blur (`BoundaryBlur`), throws `blurLeavesNoRoom` when no
    /// segmentation with `breaks` breaks leaves every stage min_size years
    /// outside the blur.
    package static func optimal(
        _ signal: Signal, breaks: Int, cost: CostModel, minSize: Int, blur: BoundaryBlur = .none
    ) throws(SegmentationError) -> Segmentation {
        let m = try effectiveMinSize(minSize, cost: cost, rows: signal.rows)
        guard breaks >= 0 else { throw .negativeBreaks(breaks) }
        guard (breaks + 1) * m <= signal.rows else {
            throw .tooManyBreaks(breaks: breaks, rows: signal.rows, minSize: m)
        }
        let result = cost.segment(signal, lengthWeight: 0, blur: blur, minSize: m, FixedBreaks(minSize: m, breaks: breaks))
        guard !result.breakpoints.isEmpty, result.cost.isFinite else {
            throw .blurLeavesNoRoom(breaks: breaks, rows: signal.rows, minSize: m)
        }
        return result
    }

    /// PELT for a penalty (ruptures `Pelt(model, min_size, jump=1).fit_predict(signal, pen)` for
    /// `.value(pen)`; `bic` and `mbic` as documented on `Penalty`).
    package static func pelt(_ signal: Signal, penalty: Penalty, cost: CostModel, minSize: Int) throws(SegmentationError) -> Segmentation {
        let m = try effectiveMinSize(minSize, cost: cost, rows: signal.rows)
        guard let signal = fitted(signal, penalty: penalty) else { return Segmentation(breakpoints: [signal.rows], cost: 0) }
        let terms = try penalty.terms(rows: signal.rows, dims: signal.dims, cost: cost)
        return cost.segment(signal, lengthWeight: terms.lengthWeight, Pruned(minSize: m, penalty: terms.perSegment))
    }

    /// The number of breaks k ∈ 0...K minimizing best(k) + pen × (k + 1),
    /// where best(k) is the exact optimum with k breaks (as `optimal`) and
    /// K = min(maxBreaks, ⌊n / min_size⌋ − 1), the most that fit. Ties go
    /// to the smaller k. For `mbic` the DP also carries the segment-length
    /// term (see `Penalty`), so best(k) minimizes the whole criterion.
    /// With a blur, the cost is `BlurredCost` and k runs over the numbers of
    /// breaks the blur leaves room for (k = 0 always fits).
    package static func automatic(
        _ signal: Signal, penalty: Penalty, maxBreaks: Int, cost: CostModel, minSize: Int,
        blur: BoundaryBlur = .none
    ) throws(SegmentationError) -> Segmentation {
        let m = try effectiveMinSize(minSize, cost: cost, rows: signal.rows)
        guard maxBreaks >= 0 else { throw .negativeBreaks(maxBreaks) }
        guard let signal = fitted(signal, penalty: penalty) else { return Segmentation(breakpoints: [signal.rows], cost: 0) }
        let terms = try penalty.terms(rows: signal.rows, dims: signal.dims, cost: cost)
        let largest = mostBreaks(maxBreaks, rows: signal.rows, effectiveMinSize: m)
        return cost.segment(
            signal, lengthWeight: terms.lengthWeight, blur: blur, minSize: m,
            PenalizedBreaks(minSize: m, maxBreaks: largest, penalty: terms.perSegment))
    }

    /// The cost of every segment of a given segmentation (end indices, last =
    /// n), e.g. to price a segmentation found on another replicate.
    /// Throws `invalidBreakpoints` unless the ends increase strictly, end at
    /// n, and every segment has at least `cost.minimumSegmentLength` rows.
    package static func segmentCosts(of breakpoints: [Int], in signal: Signal, cost: CostModel) throws(SegmentationError) -> [Double] {
        guard breakpoints.last == signal.rows else { throw .invalidBreakpoints(breakpoints, rows: signal.rows) }
        var start = 0
        for end in breakpoints {
            guard end - start >= cost.minimumSegmentLength else {
                throw .invalidBreakpoints(breakpoints, rows: signal.rows)
            }
            start = end
        }
        return cost.segmentCosts(signal, breakpoints: breakpoints)
    }

    /// The signal a penalty is applied to: `NoiseFit`'s for the data-fitted
    /// penalties (nil when no column varies: one segment), else unchanged.
    static func fitted(_ signal: Signal, penalty: Penalty) -> Signal? {
        penalty.fitsNoise ? NoiseFit(signal).signal : signal
    }

    /// max(minSize, cost's own minimum), checked against n.
    /// The most breaks an automatic choice over 0…`maxBreaks` can pick on `rows`
    /// rows: `maxBreaks`, capped by what the effective min_size lets fit
    /// (⌊rows / min_size⌋ − 1); 0 when not even two segments fit.
    package static func mostBreaks(_ maxBreaks: Int, rows: Int, minSize: Int, cost: CostModel) -> Int {
        let m = max(minSize, cost.minimumSegmentLength, 1)
        return mostBreaks(maxBreaks, rows: rows, effectiveMinSize: m)
    }

    static func mostBreaks(_ maxBreaks: Int, rows: Int, effectiveMinSize m: Int) -> Int {
        max(0, min(maxBreaks, rows / m - 1))
    }

    static func effectiveMinSize(_ minSize: Int, cost: CostModel, rows: Int) throws(SegmentationError) -> Int {
        guard minSize >= 1 else { throw .invalidMinSize(minSize) }
        let m = max(minSize, cost.minimumSegmentLength)
        guard m <= rows else { throw .tooFewRows(rows: rows, minSize: m) }
        return m
    }
}

/// `Dynp` with a fixed number of breaks.
private struct FixedBreaks: CostVisitor {
    let minSize: Int
    let breaks: Int

    /// No end indices when no segmentation with `breaks` breaks has a finite cost (a blur
    /// that leaves no room): `optimal` reports it.
    func visit<Cost: SegmentCost>(_ cost: Cost) -> [Int] {
        let table = OptimalPartition(cost: cost, minSize: minSize, maxBreaks: breaks)
        return table.isFeasible(breaks: breaks) ? table.breakpoints(breaks: breaks) : []
    }
}

/// `Dynp` over k = 0...maxBreaks, k chosen by the penalty.
private struct PenalizedBreaks: CostVisitor {
    let minSize: Int
    let maxBreaks: Int
    let penalty: Double

    func visit<Cost: SegmentCost>(_ cost: Cost) -> [Int] {
        let table = OptimalPartition(cost: cost, minSize: minSize, maxBreaks: maxBreaks)
        var chosen = 0
        var bestCriterion = Double.infinity
        for k in 0...maxBreaks where table.isFeasible(breaks: k) {
            let criterion = table.value(breaks: k) + penalty * Double(k + 1)
            if Ties.isBetter(criterion, than: bestCriterion) {
                bestCriterion = criterion
                chosen = k
            }
        }
        return table.breakpoints(breaks: chosen)
    }
}

/// PELT.
private struct Pruned: CostVisitor {
    let minSize: Int
    let penalty: Double

    func visit<Cost: SegmentCost>(_ cost: Cost) -> [Int] {
        PeltSearch.breakpoints(cost: cost, minSize: minSize, penalty: penalty)
    }
}
