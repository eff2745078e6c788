import Foundation

/// RULES.md section 5: the relative errors of the trade estimate, fixed by the rule
/// before any run. A row used as it is gets an error from its confidence; an
/// interpolation gets the leave-one-out error of interpolating between known years;
/// a held share gets the spread of all share anchors.
enum TradeErrors {
    /// One sd, relative, of a figure used as it is, from the facts' `confidence`
    /// (source `unverified` counts as low).
    static func byConfidence(_ confidence: String, unverified: Bool) -> Double {
        if unverified { return 0.10 }
        switch confidence {
        case "high": return 0.02
        case "medium": return 0.05
        default: return 0.10
        }
    }

    /// Root mean square of ln(interpolated / actual) when each interior point of
    /// `points` (sorted by year) is left out and interpolated linearly from its neighbours.
    static func leaveOneOut(_ points: [(year: Int, value: Double)]) -> Double {
        guard points.count >= 3 else { return 0 }
        var squares: [Double] = []
        for i in 1..<(points.count - 1) {
            let a = points[i - 1]
            let b = points[i + 1]
            let x = points[i]
            let t = Double(x.year - a.year) / Double(b.year - a.year)
            let predicted = a.value + (b.value - a.value) * t
            guard predicted > 0, x.value > 0 else { continue }
            squares.append(pow(log(predicted / x.value), 2))
        }
        guard !squares.isEmpty else { return 0 }
        return (squares.reduce(0, +) / Double(squares.count)).squareRoot()
    }

    /// Sample standard deviation of ln(value) over `values`.
    static func logSpread(_ values: [Double]) -> Double {
        let logs = values.filter { $0 > 0 }.map { log($0) }
        guard logs.count >= 2 else { return 0 }
        let mean = logs.reduce(0, +) / Double(logs.count)
        return (logs.map { pow($0 - mean, 2) }.reduce(0, +) / Double(logs.count - 1)).squareRoot()
    }

    /// Independent log-normal errors combined: sqrt(a² + b²).
    static func combined(_ a: Double, _ b: Double) -> Double { (a * a + b * b).squareRoot() }
}
