import StageTransition

/// The single place where Analysis calls the StageTransition module.
enum SegmentationBridge {
    /// Change points of the indicator rows. Columns constant over the years are
    /// dropped first (no information; they would only inflate the BIC penalty,
    /// which grows with the number of dimensions); with no varying column the
    /// whole series is one stage. `max_breaks` is capped at what min_size allows.
    /// `blur`: the boundaries the data's dating uncertainty blurs (`PanelAnalysis.blur`).
    static func segment(
        _ rows: [[Double]], settings: StageSettings, blur: BoundaryBlur = .none
    ) throws -> (breakpoints: [Int], cost: Double) {
        guard let signal = try varyingSignal(rows, settings: settings) else { return ([rows.count], 0) }
        var segmentation = settings.segmentation
        segmentation.maxBreaks = mostBreaks(rows: rows.count, settings: settings)
        segmentation.blur = blur
        do {
            let result = try ChangePoints.segment(signal, settings: segmentation)
            return (result.breakpoints, result.cost)
        } catch {
            throw AnalysisError.segmentation(String(describing: error))
        }
    }

    /// The penalty path (0.1× to 10× the chosen penalty) of the same input as `segment`.
    static func penaltyPath(_ rows: [[Double]], settings: StageSettings, blur: BoundaryBlur = .none) throws -> PenaltyPath {
        guard let signal = try varyingSignal(rows, settings: settings) else {
            return PenaltyPath(
                chosenPenalty: 0,
                segments: [.init(penaltyLow: 0, penaltyHigh: .infinity, breakpoints: [rows.count], cost: 0)])
        }
        do {
            return try ChangePoints.penaltyPath(
                settings.standardize ? signal.standardized() : signal, penalty: settings.penalty,
                maxBreaks: settings.maxBreaks, cost: settings.cost, minSize: settings.minSize, blur: blur)
        } catch {
            throw AnalysisError.segmentation(String(describing: error))
        }
    }

    /// The most breaks the automatic choice may pick on `rows` years (ChangePoints's own cap).
    static func mostBreaks(rows: Int, settings: StageSettings) -> Int {
        ChangePoints.mostBreaks(settings.maxBreaks, rows: rows, minSize: settings.minSize, cost: settings.cost)
    }

    /// The rows' varying columns as a signal; nil when no column varies.
    private static func varyingSignal(_ rows: [[Double]], settings: StageSettings) throws -> Signal? {
        guard let width = rows.first?.count else { throw AnalysisError.tooFewYears(years: 0, minSize: settings.minSize) }
        let varying = (0..<width).filter { j in rows.contains { $0[j] != rows[0][j] } }
        if varying.isEmpty { return nil }
        do {
            return try Signal(rows: rows.map { row in varying.map { row[$0] } })
        } catch {
            throw AnalysisError.segmentation(String(describing: error))
        }
    }
}
