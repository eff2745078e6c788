/// A linear axis of an SVG chart: maps data values onto pixel positions and
/// chooses "nice" tick values (steps of 1, 2 or 5 × 10^k).
struct SVGAxis: Sendable {
    /// Data interval shown (after widening to whole ticks).
    let lower: Double
    let upper: Double
    /// Pixel positions of `lower` and `upper` (for a y axis, `from` > `to`).
    let from: Double
    let to: Double
    let ticks: [Double]
    /// Decimals needed to print the ticks.
    let digits: Int

    /// A value axis covering `values`, widened to nice ticks; a constant or
    /// empty series gets a unit-wide interval around its value.
    init(covering values: [Double], from: Double, to: Double, targetTicks: Int = 5) {
        let finite = values.filter(\.isFinite)
        var lo = finite.min() ?? 0
        var hi = finite.max() ?? 1
        if hi - lo < 1e-12 * max(1, abs(hi)) {
            lo -= lo == 0 ? 0 : abs(lo) * 0.1
            hi += hi == 0 ? 1 : abs(hi) * 0.1
        }
        let step = Self.niceStep((hi - lo) / Double(max(1, targetTicks)))
        let first = (lo / step).rounded(.down)
        let last = (hi / step).rounded(.up)
        self.lower = first * step
        self.upper = last * step
        self.from = from
        self.to = to
        self.ticks = stride(from: first, through: last, by: 1).map { $0 * step }
        self.digits = Self.decimals(for: step)
    }

    /// A year axis over `first`...`last`, each year at the centre of a unit
    /// cell ([first − 0.5, last + 0.5]); ticks every 1, 2, 5, 10 … years.
    init(years first: Int, _ last: Int, from: Double, to: Double, targetTicks: Int = 8) {
        self.lower = Double(first) - 0.5
        self.upper = Double(last) + 0.5
        self.from = from
        self.to = to
        let step = max(1, Int(Self.niceStep(Double(max(1, last - first)) / Double(max(1, targetTicks)))))
        let start = (first + step - 1) / step * step
        self.ticks = stride(from: start, through: last, by: step).map(Double.init)
        self.digits = 0
    }

    /// Pixel position of `value`.
    func position(_ value: Double) -> Double {
        guard upper > lower else { return from }
        return from + (value - lower) / (upper - lower) * (to - from)
    }

    /// Tick label text.
    func label(_ tick: Double) -> String { HTMLText.fixed(tick, digits: digits) }

    /// The smallest of 1, 2, 5 × 10^k not below `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * magnitude >= raw * (1 - 1e-9) {
            return factor * magnitude
        }
        return 10 * magnitude
    }

    /// Decimals that print multiples of `step` exactly (0 for steps ≥ 1).
    static func decimals(for step: Double) -> Int {
        var digits = 0
        var s = step
        while digits < 9 && abs(s - s.rounded()) > 1e-9 * max(1, abs(s)) {
            s *= 10
            digits += 1
        }
        return digits
    }
}
