import Centrality
import CooperationNetwork
import StageTransition

/// One analysis of a panel end to end: per year graph → centralities →
/// indicators; then indicators → change points → stages → labels.
///
/// Pure and deterministic: the same panel, spec and weights give the same
/// bits on any machine with the same build. Bootstrap replicates and
/// sensitivity scenarios call it with other link weights.
package struct PanelAnalysis: Sendable {
    package let panel: Panel
    package let spec: JobSpec
    /// Indicator columns of this panel, in output order.
    package let columns: [String]
    /// Per-link facts shared by every replicate.
    package let facts: LinkFacts
    /// The boundaries blurred by the declared date uncertainty of tie starts (the
    /// recorded starts: the same for every replicate); none with `date_blur: false`.
    package let blur: BoundaryBlur

    package init(panel: Panel, spec: JobSpec) {
        self.panel = panel
        self.spec = spec
        self.columns = IndicatorName.columns(layers: panel.layers)
        self.facts = LinkFacts(panel: panel)
        self.blur =
            spec.stages.dateBlur
            ? BoundaryBlur(
                rows: panel.yearCount,
                uncertainStarts: panel.spells.filter { $0.dateUncertainty > 0 }.map {
                    (row: $0.start - panel.years.lowerBound, years: $0.dateUncertainty)
                })
            : .none
    }

    /// The yearly indicator series under `weights` (indexed like `panel.links`).
    /// With `fullCentrality`, also every centrality measure of every year
    /// (baseline outputs and core places); otherwise only what indicators need.
    package func indicators(weights: [Double], fullCentrality: Bool) -> (IndicatorSeries, [YearCentrality]) {
        var rows: [[Double]] = []
        var centralities: [YearCentrality] = []
        rows.reserveCapacity(panel.yearCount)
        for year in panel.years {
            let network = YearNetwork(panel: panel, year: year, weights: weights, facts: facts)
            let betweenness: [Double]
            if fullCentrality {
                let values = CentralityBridge.compute(network, measures: CentralityBridge.allMeasures, distance: spec.distance)
                betweenness = values[.betweenness] ?? []
                centralities.append(YearCentrality(year: year, activePlaces: network.activePlaces, values: values))
            } else {
                betweenness = CentralityBridge.betweenness(network, distance: spec.distance)
            }
            rows.append(
                NetworkIndicators.row(
                    panel: panel, network: network, betweenness: betweenness,
                    weights: weights, facts: facts))
        }
        fillNormalizedColumns(&rows, weights: weights)
        return (IndicatorSeries(years: Array(panel.years), columns: columns, values: rows), centralities)
    }

    /// `norm_<layer>` = intensity / the layer's largest yearly intensity; and
    /// `scale_norm_<scale>`: every link weighs w / (its layer's largest yearly
    /// intensity), given to both ends' scales, summed per year and divided by
    /// the scale's largest year. Within-layer normalization only: no rate of
    /// exchange between layers (docs/METHODS.md §3). 0 where a layer or scale
    /// never has weight.
    func fillNormalizedColumns(_ rows: inout [[Double]], weights: [Double]) {
        let layerCount = panel.layers.count
        let scaleCount = Scale.allCases.count
        let base = columns.count - 3 * layerCount - scaleCount
        var peak = [Double](repeating: 0, count: layerCount)
        for row in rows { for j in 0..<layerCount { peak[j] = max(peak[j], row[base + j]) } }
        // Row-major years × scales, one allocation (this runs for every replicate).
        var scaleRows = [Double](repeating: 0, count: rows.count * scaleCount)
        for (t, year) in panel.years.enumerated() {
            for j in 0..<layerCount { rows[t][base + layerCount + j] = peak[j] > 0 ? rows[t][base + j] / peak[j] : 0 }
            for i in panel.linkRange(in: year) where weights[i] > 0 {
                let layerPeak = peak[panel.links[i].layer]
                guard layerPeak > 0 else { continue }
                scaleRows[t * scaleCount + facts.sourceScale[i]] += weights[i] / layerPeak
                scaleRows[t * scaleCount + facts.targetScale[i]] += weights[i] / layerPeak
            }
        }
        for k in 0..<scaleCount {
            let top = rows.indices.reduce(0) { max($0, scaleRows[$1 * scaleCount + k]) }
            for t in rows.indices {
                rows[t][base + 3 * layerCount + k] = top > 0 ? scaleRows[t * scaleCount + k] / top : 0
            }
        }
    }

    /// Change points of `series` with the spec's stage settings, and the stages they delimit.
    /// Core places are filled only when `centrality` is given.
    package func periodize(_ series: IndicatorSeries, centrality: [YearCentrality]? = nil) throws -> Periodization {
        let settings = spec.stages
        let n = series.years.count
        guard n >= settings.minSize else { throw AnalysisError.tooFewYears(years: n, minSize: settings.minSize) }
        let selected = series.selecting(segmentationColumns)
        let segmentation = try SegmentationBridge.segment(selected.values, settings: settings, blur: blur)
        return label(series, breakpoints: segmentation.breakpoints, cost: segmentation.cost, centrality: centrality)
    }

    /// The indicator columns that segment under the spec (its list, or the default set).
    package var segmentationColumns: [String] {
        spec.stages.indicators.isEmpty ? IndicatorName.segmentationColumns(layers: panel.layers) : spec.stages.indicators
    }

    /// The most breaks the automatic choice may pick: max_breaks, capped by what min_size allows.
    package var effectiveMaxBreaks: Int {
        SegmentationBridge.mostBreaks(rows: panel.yearCount, settings: spec.stages)
    }

    /// Every optimal segmentation of `series` for penalties from 0.1× to 10× the spec's.
    package func penaltyPath(_ series: IndicatorSeries) throws -> PenaltyPath {
        try SegmentationBridge.penaltyPath(series.selecting(segmentationColumns).values, settings: spec.stages, blur: blur)
    }

    /// Names the stages delimited by `breakpoints` (ruptures end indices).
    package func label(_ series: IndicatorSeries, breakpoints: [Int], cost: Double, centrality: [YearCentrality]?) -> Periodization {
        let n = series.years.count
        let panelMeans = series.means(over: 0..<n)
        let layerNames = panel.layers.map(\.rawValue)
        let scaleNames = Scale.allCases.map(\.rawValue)
        var stages: [Stage] = []
        var start = 0
        for (k, end) in breakpoints.enumerated() {
            let means = series.means(over: start..<end)
            let layer: StageLabel.Choice
            let scale: StageLabel.Choice
            switch spec.stages.label {
            case .emergence:
                layer = emergence(
                    series, rows: start..<end, columns: panel.layers.map(IndicatorName.layerNorm),
                    tieBreak: panel.layers.map(IndicatorName.newTies))
                scale = emergence(
                    series, rows: start..<end, columns: Scale.allCases.map(IndicatorName.scaleNorm),
                    tieBreak: nil)
            case .share:
                layer = shareRatio(series, stage: means, panel: panelMeans, columns: panel.layers.map(IndicatorName.layerShare))
                scale = shareRatio(series, stage: means, panel: panelMeans, columns: Scale.allCases.map(IndicatorName.scaleShare))
            }
            let layerName = layer.winner.map { layerNames[$0] } ?? ""
            let scaleName = scale.winner.map { scaleNames[$0] } ?? ""
            let startYear = series.years[start]
            let endYear = series.years[end - 1]
            var core: [String] = []
            var coreBetweenness: [String] = []
            if let centrality {
                core = topPlaces(centrality, measure: .pagerank, years: startYear...endYear)
                coreBetweenness = topPlaces(centrality, measure: .betweenness, years: startYear...endYear)
            }
            let coreNames = core.prefix(2).compactMap { id in panel.placeIndex(of: id).map { panel.places[$0].name } }
            var stage = Stage(
                number: k + 1, startYear: startYear, endYear: endYear,
                dominantLayer: layerName, dominantScale: scaleName,
                corePlaces: core, corePlacesByBetweenness: coreBetweenness,
                indicatorMeans: means,
                name: StageLabel.name(
                    startYear: startYear, endYear: endYear, layer: layerName,
                    scale: scaleName, coreNames: coreNames))
            stage.runnerUpLayer = layer.runnerUp.map { layerNames[$0] } ?? ""
            stage.layerMargin = layer.margin
            stage.runnerUpScale = scale.runnerUp.map { scaleNames[$0] } ?? ""
            stage.scaleMargin = scale.margin
            stages.append(stage)
            start = end
        }
        let transitions = breakpoints.dropLast().map { series.years[$0] }
        return Periodization(breakpoints: breakpoints, transitionYears: Array(transitions), stages: stages, cost: cost)
    }

    /// The emergence rule on the named normalized columns over `rows`; the
    /// tie-break is each candidate's share of the stage's new ties.
    private func emergence(_ series: IndicatorSeries, rows: Range<Int>, columns: [String], tieBreak: [String]?) -> StageLabel.Choice {
        let index = columns.map { series.columns.firstIndex(of: $0) }
        func value(_ j: Int?, _ row: Int) -> Double { j.map { series.values[row][$0] } ?? 0 }
        let before = index.map { rows.lowerBound > 0 ? value($0, rows.lowerBound - 1) : 0 }
        let end = index.map { value($0, rows.upperBound - 1) }
        var shares = [Double](repeating: 0, count: columns.count)
        if let tieBreak {
            let tieIndex = tieBreak.map { series.columns.firstIndex(of: $0) }
            let counts = tieIndex.map { j in rows.reduce(0) { $0 + value(j, $1) } }
            let total = counts.reduce(0, +)
            if total > 0 { shares = counts.map { $0 / total } }
        }
        return StageLabel.emergence(before: before, end: end, tieBreak: shares)
    }

    /// The share rule on the named share columns.
    private func shareRatio(_ series: IndicatorSeries, stage: [Double], panel: [Double], columns: [String]) -> StageLabel.Choice {
        let index = columns.map { series.columns.firstIndex(of: $0) }
        return StageLabel.shareRatio(
            stageMeans: index.map { $0.map { stage[$0] } ?? 0 },
            panelMeans: index.map { $0.map { panel[$0] } ?? 0 })
    }

    /// Top 5 place ids by the mean of `measure` over `years` (inactive years count as 0);
    /// ties broken by place id.
    func topPlaces(_ centrality: [YearCentrality], measure: CentralityMeasure, years: ClosedRange<Int>) -> [String] {
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
