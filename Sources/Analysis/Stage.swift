/// One stage of a periodization, with the meaning the labelling rule gives it.
package struct Stage: Sendable, Hashable, Codable {
    /// 1-based stage number.
    package var number: Int
    package var startYear: Int
    package var endYear: Int
    /// The layer that names the stage under the spec's `stages.label` rule
    /// (`emergence`: the layer that grows most; "" when nothing grows).
    package var dominantLayer: String
    /// The scale chosen by the same rule.
    package var dominantScale: String
    /// The second layer under the rule ("" when there is none).
    package var runnerUpLayer: String = ""
    /// Winner's score minus the runner-up's (emergence: growth shares, 0–1; share: ratios).
    package var layerMargin: Double = 0
    package var runnerUpScale: String = ""
    package var scaleMargin: Double = 0
    /// Place ids, top 5 by mean PageRank over the stage (empty in bootstrap replicates).
    package var corePlaces: [String]
    /// Place ids, top 5 by mean betweenness over the stage (empty in bootstrap replicates).
    package var corePlacesByBetweenness: [String]
    /// Mean of every indicator over the stage, aligned with the series columns.
    package var indicatorMeans: [Double]
    /// Readable name, e.g. "1988–1999 · trade-based · local scale · core: Heihe, Suifenhe".
    package var name: String

    /// The short label compared across bootstrap replicates: the dominant
    /// layer's adjective (e.g. "trade-based").
    package var label: String { StageLabel.adjective(forLayer: dominantLayer) }
}

/// A periodization of one indicator series.
package struct Periodization: Sendable, Hashable, Codable {
    /// ruptures-style end indices (exclusive), last = number of years.
    package var breakpoints: [Int]
    /// First year of every stage after the first (the transition years).
    package var transitionYears: [Int]
    package var stages: [Stage]
    /// Total segment cost of the chosen segmentation (penalty excluded).
    package var cost: Double

    /// The stage number (1-based) of each year row.
    package var stageOfRow: [Int] {
        var out: [Int] = []
        var start = 0
        for (k, end) in breakpoints.enumerated() {
            for _ in start..<end { out.append(k + 1) }
            start = end
        }
        return out
    }
}
