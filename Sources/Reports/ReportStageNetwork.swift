import Analysis
import Centrality
import CooperationNetwork

/// The baseline network of one stage, merged over the stage's years: what
/// places_by_period.geojson, links_by_period.geojson and the report's stage maps show.
///
/// Conventions (docs/OUTPUTS.md): a place's centrality is the mean over the
/// stage's years with inactive years counted as 0 — the convention of
/// centrality_by_period.csv and of the core places, summed in year order so
/// the numbers agree with that file bit for bit. Links are merged per
/// (layer, pair) — the pair unordered on undirected panels, the arc on
/// directed ones; `weightMean` is the total weight over the stage divided by
/// the number of years of the stage (years without the link count as 0).
struct StageNetwork: Sendable {
    /// The measures carried per place (centrality_by_year.csv names).
    static let measures: [CentralityMeasure] = [.pagerank, .betweenness, .strength]

    struct MergedLink: Sendable, Hashable {
        /// Panel place indices (source < target on undirected panels).
        var source: Int
        var target: Int
        /// Index into `Panel.layers`.
        var layer: Int
        var weightTotal: Double
        var weightMean: Double
        /// Years of the stage with positive weight.
        var yearsActive: Int
        /// Years of the stage in which at least one merged row is an estimate (`Link.estimated`).
        var estimatedYears: Int
    }

    let stage: Stage
    /// Number of calendar years of the stage.
    let yearCount: Int
    /// Measure → mean value per panel place (indexed like `Panel.places`).
    let meanCentrality: [CentralityMeasure: [Double]]
    /// Years of the stage in which each panel place is active.
    let yearsActive: [Int]
    /// Merged links, sorted by (layer, source, target).
    let links: [MergedLink]

    init(stage: Stage, panel: Panel, centrality: [YearCentrality]) {
        self.stage = stage
        let years = stage.startYear...stage.endYear
        let inStage = centrality.filter { years.contains($0.year) }
        self.yearCount = years.count
        var means: [CentralityMeasure: [Double]] = [:]
        for measure in Self.measures {
            means[measure] = StageCentrality(measure: measure, years: inStage, placeCount: panel.places.count).mean
        }
        self.meanCentrality = means
        var active = [Int](repeating: 0, count: panel.places.count)
        for yc in inStage { for p in yc.activePlaces { active[p] += 1 } }
        self.yearsActive = active

        struct Key: Hashable, Comparable {
            var layer: Int, source: Int, target: Int
            static func < (a: Key, b: Key) -> Bool { (a.layer, a.source, a.target) < (b.layer, b.source, b.target) }
        }
        var merged: [Key: MergedLink] = [:]
        for year in years {
            var seen: Set<Key> = []
            var estimated: Set<Key> = []
            for link in panel.links(in: year) where link.weight > 0 {
                let flip = !panel.directed && link.source > link.target
                let key = Key(
                    layer: link.layer, source: flip ? link.target : link.source,
                    target: flip ? link.source : link.target)
                merged[
                    key,
                    default: MergedLink(
                        source: key.source, target: key.target, layer: key.layer,
                        weightTotal: 0, weightMean: 0, yearsActive: 0, estimatedYears: 0)
                ]
                .weightTotal += link.weight
                if seen.insert(key).inserted { merged[key]?.yearsActive += 1 }
                if link.estimated, estimated.insert(key).inserted { merged[key]?.estimatedYears += 1 }
            }
        }
        self.links = merged.keys.sorted().compactMap { key in
            guard var link = merged[key] else { return nil }
            link.weightMean = link.weightTotal / Double(years.count)
            return link
        }
    }

    /// One network per stage of the baseline periodization.
    static func all(_ results: JobResults) -> [StageNetwork] {
        results.periodization.stages.map {
            StageNetwork(stage: $0, panel: results.job.panel, centrality: results.centrality)
        }
    }

    /// Mean of `measure` for panel place `p` (0 when the measure is absent).
    func mean(_ measure: CentralityMeasure, place p: Int) -> Double {
        meanCentrality[measure]?[p] ?? 0
    }
}
