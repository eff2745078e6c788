import StageTransition

/// The single place where Analysis calls the StageTransition module.
enum SegmentationBridge {
    /// Change points of the indicator rows. Columns constant over the years are
    /// dropped first (no information; they would only inflate the BIC penalty,
    /// which grows with the number of dimensions); with no varying column the
    /// whole series is one stage. `max_breaks` is capped at what min_size allows.
    /// The penalty path (0.1× to 10× the chosen penalty) of the same input as `segment`.
    static func penaltyPath(_ rows: [[Double]], settings: StageSettings) throws -> PenaltyPath {
        let n = rows.count
        guard let width = rows.first?.count else { throw AnalysisError.tooFewYears(years: 0, minSize: settings.minSize) }
        let varying = (0..<width).filter { j in rows.contains { $0[j] != rows[0][j] } }
        if varying.isEmpty {
            return PenaltyPath(
                chosenPenalty: 0,
                segments: [
                    .init(
                        penaltyLow: 0, penaltyHigh: .infinity,
                        breakpoints: [n], cost: 0)
                ])
        }
        do {
            let signal = try Signal(rows: rows.map { row in varying.map { row[$0] } })
            let input = settings.standardize ? signal.standardized() : signal
            let maxBreaks = max(0, min(settings.maxBreaks, n / max(settings.minSize, 1) - 1))
            return try ChangePoints.penaltyPath(
                input, penalty: settings.penalty, maxBreaks: maxBreaks,
                cost: settings.cost, minSize: settings.minSize)
        } catch {
            throw AnalysisError.segmentation(String(describing: error))
        }
    }

    static func segment(_ rows: [[Double]], settings: StageSettings) throws -> (breakpoints: [Int], cost: Double) {
        let n = rows.count
        guard let width = rows.first?.count else { throw AnalysisError.tooFewYears(years: 0, minSize: settings.minSize) }
        let varying = (0..<width).filter { j in rows.contains { $0[j] != rows[0][j] } }
        if varying.isEmpty { return ([n], 0) }
        var segmentation = settings.segmentation
        segmentation.maxBreaks = max(0, min(segmentation.maxBreaks, n / max(settings.minSize, 1) - 1))
        do {
            let signal = try Signal(rows: rows.map { row in varying.map { row[$0] } })
            let result = try ChangePoints.segment(signal, settings: segmentation)
            return (result.breakpoints, result.cost)
        } catch {
            throw AnalysisError.segmentation(String(describing: error))
        }
    }
}
