import CooperationNetwork

/// Which rule names a stage's dominant layer and scale (spec `stages.label`).
package enum StageLabelRule: String, Sendable, Hashable, CaseIterable, Codable {
    /// The layer whose within-layer normalized intensity grows most over the
    /// stage (docs/METHODS.md §5): what *emerges*, older modes persisting.
    case emergence
    /// The earlier rule: stage mean share / panel mean share.
    case share
}

/// The documented rules that name a stage (docs/METHODS.md §5).
///
/// `emergence` (default): the layer whose within-layer normalized intensity
/// grows most over the stage — the new mode of cooperation, while older ones
/// persist. `share` (the earlier rule): the layer maximizing (mean share in
/// the stage) / (mean share over all years); layers with a zero whole-panel
/// share are skipped; ties go to the first layer in name order.
package enum StageLabel {
    /// The outcome of a labelling rule over a set of candidates (layers or scales).
    package struct Choice: Sendable, Hashable {
        /// Index of the winner; nil when no candidate qualifies (nothing grows).
        package var winner: Int?
        package var runnerUp: Int?
        /// Winner's score − runner-up's (the winner's score when there is no runner-up).
        package var margin: Double
    }

    /// Emergence rule (docs/METHODS.md §5): for a stage of rows [a, b] and
    /// normalized intensities Ĩ, growth g_l = [Ĩ_l(b) − Ĩ_l(a−1)]⁺ (Ĩ(a−1) = 0
    /// before the panel), score G_l = g_l / Σ_m g_m. The highest G wins; ties
    /// (within 1e-12) go to the larger `tieBreak` (the stage's share of new
    /// ties), then to the first candidate. No growth at all: no winner
    /// (the stage is labelled "consolidation").
    package static func emergence(before: [Double], end: [Double], tieBreak: [Double]) -> Choice {
        let growth = zip(end, before).map { max(0, $0 - $1) }
        let total = growth.reduce(0, +)
        guard total > 1e-12 else { return Choice(winner: nil, runnerUp: nil, margin: 0) }
        let scores = growth.map { $0 / total }
        return ranked(scores, tieBreak: tieBreak, qualifies: { scores[$0] > 0 })
    }

    /// The `share` rule as a `Choice`: scores stage mean / panel mean over
    /// candidates with a positive panel mean.
    package static func shareRatio(stageMeans: [Double], panelMeans: [Double]) -> Choice {
        let scores = zip(stageMeans, panelMeans).map { $1 > 0 ? $0 / $1 : 0 }
        return ranked(scores, tieBreak: Array(repeating: 0, count: scores.count), qualifies: { panelMeans[$0] > 0 })
    }

    /// Best and second best by score, then tie-break, then index.
    static func ranked(_ scores: [Double], tieBreak: [Double], qualifies: (Int) -> Bool) -> Choice {
        func better(_ i: Int, than j: Int) -> Bool {
            let tolerance = 1e-12 * Swift.max(1, abs(scores[j]))
            if scores[i] > scores[j] + tolerance { return true }
            if scores[i] < scores[j] - tolerance { return false }
            return tieBreak[i] > tieBreak[j] + 1e-12
        }
        var order: [Int] = []
        for i in scores.indices where qualifies(i) {
            let position = order.firstIndex { better(i, than: $0) } ?? order.count
            order.insert(i, at: position)
        }
        guard let winner = order.first else { return Choice(winner: nil, runnerUp: nil, margin: 0) }
        let runnerUp = order.count > 1 ? order[1] : nil
        return Choice(winner: winner, runnerUp: runnerUp, margin: scores[winner] - (runnerUp.map { scores[$0] } ?? 0))
    }

    /// "trade-based", "industrial-park-based", "transport-corridor-oriented", …;
    /// "consolidation" for a stage in which no layer grows.
    package static func adjective(forLayer layer: String) -> String {
        layer.isEmpty ? consolidation : Layer(rawValue: layer).stageAdjective
    }

    /// The label of a stage in which nothing grows (emergence rule).
    package static let consolidation = "consolidation"

    /// "1988–1999 · trade-based · local scale · core: Heihe, Suifenhe".
    package static func name(startYear: Int, endYear: Int, layer: String, scale: String, coreNames: [String]) -> String {
        var parts = ["\(startYear)–\(endYear)", adjective(forLayer: layer)]
        if !scale.isEmpty { parts.append("\(scale) scale") }
        if !coreNames.isEmpty { parts.append("core: " + coreNames.joined(separator: ", ")) }
        return parts.joined(separator: " · ")
    }
}
