/// Years of dating blur around each possible boundary of a yearly series.
///
/// Where the ties that begin a stage are dated only to ±d years, the stage does
/// not show as a step in the yearly indicators but as a ramp over the 2d + 1
/// years around its start: with starts spread uniformly over start − d … start + d,
/// the expected stock of new ties grows linearly across them. A piecewise-constant
/// model fits such a ramp with two breaks and a short stage between them — a stage
/// made by the dating, not by the network. `BlurredCost` leaves the d years on each
/// side of a blurred boundary out of the fit instead (docs/METHODS.md §4).
package struct BoundaryBlur: Sendable, Hashable {
    /// `years[b]` for boundary index b = 0…rows (a break at b starts the next
    /// segment at row b); 0 at both ends of the series, which are not boundaries.
    /// Empty for no blur at all.
    package let years: [Int]

    /// No blur: every boundary is dated exactly (the segmentation of ruptures).
    package static let none = BoundaryBlur(checkedYears: [])

    private init(checkedYears: [Int]) {
        self.years = checkedYears
    }

    /// The blur of a series of `rows` years whose uncertain tie starts are given as
    /// (row of the recorded start, ± years): every boundary within ±d of a start
    /// dated to ±d is blurred by d, the largest d where several apply (a boundary
    /// is as uncertain as the least certain start that could fall on it). Starts
    /// with d ≤ 0 are dated exactly and add nothing.
    package init(rows: Int, uncertainStarts: [(row: Int, years: Int)]) {
        guard rows >= 2, uncertainStarts.contains(where: { $0.years > 0 }) else {
            self.years = []
            return
        }
        var years = [Int](repeating: 0, count: rows + 1)
        for start in uncertainStarts where start.years > 0 {
            let low = max(1, start.row - start.years)
            let high = min(rows - 1, start.row + start.years)
            guard low <= high else { continue }
            for b in low...high { years[b] = max(years[b], start.years) }
        }
        self.years = years.contains(where: { $0 > 0 }) ? years : []
    }

    /// Whether no boundary is blurred.
    package var isNone: Bool { years.isEmpty }

    /// The blur at boundary `b` (0 where none is recorded).
    package subscript(b: Int) -> Int {
        years.indices.contains(b) ? years[b] : 0
    }
}
