/// One stage of a periodization, with the meaning the labelling rule gives it.
public struct Stage: Sendable, Hashable, Codable {
    /// 1-based stage number.
    public var number: Int
    public var startYear: Int
    public var endYear: Int
    /// The layer that names the stage under the spec's `stages.label` rule
    /// (`emergence`: the layer that grows most; "" when nothing grows).
    public var dominantLayer: String
    /// The scale chosen by the same rule.
    public var dominantScale: String
    /// The second layer under the rule ("" when there is none).
    public var runnerUpLayer: String = ""
    /// Winner's score minus the runner-up's (emergence: growth shares, 0–1; share: ratios).
    public var layerMargin: Double = 0
    public var runnerUpScale: String = ""
    public var scaleMargin: Double = 0
    /// Place ids, top 5 by mean PageRank over the stage (empty in bootstrap replicates).
    public var corePlaces: [String]
    /// Place ids, top 5 by mean betweenness over the stage (empty in bootstrap replicates).
    public var corePlacesByBetweenness: [String]
    /// Mean of every indicator over the stage, aligned with the series columns.
    public var indicatorMeans: [Double]
    /// Readable name, e.g. "1988–1999 · trade-based · local scale · core: Heihe, Suifenhe".
    public var name: String

    /// The short label compared across bootstrap replicates: the dominant
    /// layer's adjective (e.g. "trade-based").
    public var label: String { StageLabel.adjective(forLayer: dominantLayer) }
}

/// A periodization of one indicator series.
public struct Periodization: Sendable, Hashable, Codable {
    /// ruptures-style end indices (exclusive), last = number of years.
    public var breakpoints: [Int]
    /// First year of every stage after the first (the transition years).
    public var transitionYears: [Int]
    public var stages: [Stage]
    /// Total segment cost of the chosen segmentation (penalty excluded).
    public var cost: Double

    /// The stage number (1-based) of each year row.
    public var stageOfRow: [Int] {
        var out: [Int] = []
        var start = 0
        for (k, end) in breakpoints.enumerated() {
            for _ in start..<end { out.append(k + 1) }
            start = end
        }
        return out
    }
}
