import CooperationNetwork

/// One analysis of a panel end to end: per year graph → centralities →
/// indicators; then indicators → change points → stages → labels.
///
/// Pure and deterministic: the same panel, spec and weights give the same
/// bits on any machine with the same build. Bootstrap replicates and
/// sensitivity scenarios call it with other link weights.
public struct PanelAnalysis: Sendable {
    public let panel: Panel
    public let spec: JobSpec
    /// Indicator columns of this panel, in output order.
    public let columns: [String]
    /// Per-link facts shared by every replicate.
    public let facts: LinkFacts

    public init(panel: Panel, spec: JobSpec) {
        self.panel = panel
        self.spec = spec
        self.columns = IndicatorName.columns(layers: panel.layers)
        self.facts = LinkFacts(panel: panel)
    }

    /// The yearly indicator series under `weights` (indexed like `panel.links`).
    /// With `fullCentrality`, also every centrality measure of every year
    /// (baseline outputs and core places); otherwise only what indicators need.
    public func indicators(weights: [Double], fullCentrality: Bool) -> (IndicatorSeries, [YearCentrality]) {
        var rows: [[Double]] = []
        var centralities: [YearCentrality] = []
        rows.reserveCapacity(panel.yearCount)
        for year in panel.years {
            let network = YearNetwork(panel: panel, year: year, weights: weights, facts: facts)
            let betweenness: [Double]
            if fullCentrality {
                let values = CentralityBridge.compute(network, measures: CentralityBridge.allMeasures, distance: spec.distance)
                betweenness = values["betweenness"] ?? []
                centralities.append(YearCentrality(year: year, activePlaces: network.activePlaces, values: values))
            } else {
                betweenness = CentralityBridge.betweenness(network, distance: spec.distance)
            }
            rows.append(NetworkIndicators.row(panel: panel, network: network, betweenness: betweenness,
                                              weights: weights, facts: facts))
        }
        return (IndicatorSeries(years: Array(panel.years), columns: columns, values: rows), centralities)
    }

    /// Change points of `series` with the spec's stage settings, and the stages they delimit.
    /// Core places are filled only when `centrality` is given.
    public func periodize(_ series: IndicatorSeries, centrality: [YearCentrality]? = nil) throws -> Periodization {
        let settings = spec.stages
        let n = series.years.count
        guard n >= settings.minSize else { throw AnalysisError.tooFewYears(years: n, minSize: settings.minSize) }
        let selected = series.selecting(settings.indicators)
        let segmentation = try SegmentationBridge.segment(selected.values, settings: settings)
        return label(series, breakpoints: segmentation.breakpoints, cost: segmentation.cost, centrality: centrality)
    }

    /// Names the stages delimited by `breakpoints` (ruptures end indices).
    public func label(_ series: IndicatorSeries, breakpoints: [Int], cost: Double, centrality: [YearCentrality]?) -> Periodization {
        let n = series.years.count
        let panelMeans = series.means(over: 0..<n)
        let layerColumns = panel.layers.map { series.columns.firstIndex(of: IndicatorName.layerShare($0)) }
        let scaleColumns = Scale.allCases.map { series.columns.firstIndex(of: IndicatorName.scaleShare($0)) }
        var stages: [Stage] = []
        var start = 0
        for (k, end) in breakpoints.enumerated() {
            let means = series.means(over: start..<end)
            let layer = dominant(layerColumns, names: panel.layers.map(\.rawValue), stage: means, panel: panelMeans)
            let scale = dominant(scaleColumns, names: Scale.allCases.map(\.rawValue), stage: means, panel: panelMeans)
            let startYear = series.years[start], endYear = series.years[end - 1]
            var core: [String] = [], coreBetweenness: [String] = []
            if let centrality {
                core = topPlaces(centrality, measure: "pagerank", years: startYear...endYear)
                coreBetweenness = topPlaces(centrality, measure: "betweenness", years: startYear...endYear)
            }
            let coreNames = core.prefix(2).compactMap { id in panel.placeIndex(of: id).map { panel.places[$0].name } }
            stages.append(Stage(number: k + 1, startYear: startYear, endYear: endYear,
                                dominantLayer: layer, dominantScale: scale,
                                corePlaces: core, corePlacesByBetweenness: coreBetweenness,
                                indicatorMeans: means,
                                name: StageLabel.name(startYear: startYear, endYear: endYear, layer: layer,
                                                      scale: scale, coreNames: coreNames)))
            start = end
        }
        let transitions = breakpoints.dropLast().map { series.years[$0] }
        return Periodization(breakpoints: breakpoints, transitionYears: Array(transitions), stages: stages, cost: cost)
    }

    private func dominant(_ columns: [Int?], names: [String], stage: [Double], panel: [Double]) -> String {
        let stageMeans = columns.map { $0.map { stage[$0] } ?? 0 }
        let panelMeans = columns.map { $0.map { panel[$0] } ?? 0 }
        return StageLabel.dominant(stageMeans: stageMeans, panelMeans: panelMeans).map { names[$0] } ?? ""
    }

    /// Top 5 place ids by the mean of `measure` over `years` (inactive years count as 0);
    /// ties broken by place id.
    func topPlaces(_ centrality: [YearCentrality], measure: String, years: ClosedRange<Int>) -> [String] {
        var sums = [Double](repeating: 0, count: panel.places.count)
        for yc in centrality where years.contains(yc.year) {
            guard let values = yc.values[measure] else { continue }
            for (i, p) in yc.activePlaces.enumerated() { sums[p] += values[i] }
        }
        let ranked = panel.places.indices.filter { sums[$0] > 0 }.sorted { a, b in
            sums[a] != sums[b] ? sums[a] > sums[b] : panel.places[a].id < panel.places[b].id
        }
        return ranked.prefix(5).map { panel.places[$0].id }
    }
}
