import Analysis
import AtomicOutput
import Foundation

/// periods.json and periods.csv: one row per stage of the baseline periodization.
package enum PeriodsOutput {
    struct Period: Encodable {
        var stage: Int
        var start: Int
        var end: Int
        var name: String
        var dominantLayer: String
        var dominantScale: String
        var label: String
        var labelProbability: Double?
        var runnerUp: String
        var margin: Double
        var runnerUpScale: String
        var scaleMargin: Double
        var scaleProbability: Double?
        var corePlaces: [String]
        var corePlacesBetweenness: [String]
        var startInterval90: [Int]?
        var startInterval95: [Int]?
        var startWithin1y: Double?
        /// Share of replicates with a transition within ±match_window years of this start.
        var startSupport: Double?
        /// Support below 0.5: most replicates do not reproduce this transition.
        var weak: Bool
        /// ± years of dating blur at this start (uncertain tie starts nearby, METHODS §4):
        /// the boundary was fitted without that many years on each side; 0 = dated exactly.
        var startDateBlur: Int?
        var indicatorMeans: [String: Double]

        enum CodingKeys: String, CodingKey {
            case stage, start, end, name
            case dominantLayer = "dominant_layer", dominantScale = "dominant_scale"
            case label, labelProbability = "label_probability", runnerUp = "runner_up", margin
            case runnerUpScale = "runner_up_scale", scaleMargin = "scale_margin"
            case scaleProbability = "scale_probability"
            case corePlaces = "core_places", corePlacesBetweenness = "core_places_betweenness"
            case startInterval90 = "start_interval90", startInterval95 = "start_interval95"
            case startWithin1y = "start_within_1y", indicatorMeans = "indicator_means"
            case startSupport = "start_support", weak
            case startDateBlur = "start_date_blur"
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(stage, forKey: .stage)
            try c.encode(start, forKey: .start)
            try c.encode(end, forKey: .end)
            try c.encode(name, forKey: .name)
            try c.encode(dominantLayer, forKey: .dominantLayer)
            try c.encode(dominantScale, forKey: .dominantScale)
            try c.encode(label, forKey: .label)
            try c.encode(labelProbability, forKey: .labelProbability)
            try c.encode(runnerUp, forKey: .runnerUp)
            try c.encode(margin, forKey: .margin)
            try c.encode(runnerUpScale, forKey: .runnerUpScale)
            try c.encode(scaleMargin, forKey: .scaleMargin)
            try c.encode(scaleProbability, forKey: .scaleProbability)
            try c.encode(corePlaces, forKey: .corePlaces)
            try c.encode(corePlacesBetweenness, forKey: .corePlacesBetweenness)
            try c.encode(startInterval90, forKey: .startInterval90)  // explicit null for stage 1
            try c.encode(startInterval95, forKey: .startInterval95)
            try c.encode(startWithin1y, forKey: .startWithin1y)
            try c.encode(startSupport, forKey: .startSupport)
            try c.encode(weak, forKey: .weak)
            try c.encode(startDateBlur, forKey: .startDateBlur)
            try c.encode(indicatorMeans, forKey: .indicatorMeans)
        }
    }

    struct Document: Encodable {
        var job: String
        var years: [Int]
        var periods: [Period]
        var transitions: [Int]
        var breakpoints: [Int]
        var cost: Double
        var breaksCapped: Bool
        var bootstrap: Bootstrap
        enum CodingKeys: String, CodingKey {
            case job, years, periods, transitions, breakpoints, cost, bootstrap
            case breaksCapped = "breaks_capped"
        }
    }

    struct Bootstrap: Encodable {
        var scheme: String
        var replicates: Int
        var seed: UInt64
        var measurement: Bool
        var matchWindow: Int
        var stageCountDistribution: [String: Double]
        enum CodingKeys: String, CodingKey {
            case scheme, replicates, seed, measurement
            case matchWindow = "match_window"
            case stageCountDistribution = "stage_count_distribution"
        }
    }

    static func periods(_ results: JobResults) -> [Period] {
        results.periodization.stages.map { stage in
            let j = stage.number - 2
            var means: [String: Double] = [:]
            for (k, column) in results.series.columns.enumerated() { means[column] = stage.indicatorMeans[k] }
            return Period(
                stage: stage.number, start: stage.startYear, end: stage.endYear, name: stage.name,
                dominantLayer: stage.dominantLayer, dominantScale: stage.dominantScale,
                label: stage.label, labelProbability: results.labelProbability(stage),
                runnerUp: stage.runnerUpLayer, margin: stage.layerMargin,
                runnerUpScale: stage.runnerUpScale, scaleMargin: stage.scaleMargin,
                scaleProbability: results.scaleProbability(stage),
                corePlaces: stage.corePlaces, corePlacesBetweenness: stage.corePlacesByBetweenness,
                startInterval90: results.startInterval(stage: stage.number, level: 0.90),
                startInterval95: results.startInterval(stage: stage.number, level: 0.95),
                startWithin1y: j >= 0 ? results.baseline.withinOneYearShare(j) : nil,
                startSupport: j >= 0 ? results.baseline.support(j) : nil,
                weak: j >= 0 && results.baseline.isWeak(j),
                startDateBlur: j >= 0 ? results.dateBlur(atStartOf: stage.number) : nil,
                indicatorMeans: means)
        }
    }

    package static func json(_ results: JobResults) throws -> OutputFile {
        let tally = results.baseline
        var distribution: [String: Double] = [:]
        for (k, count) in tally.stageCounts where tally.replicates > 0 {
            distribution[String(k)] = Double(count) / Double(tally.replicates)
        }
        let doc = Document(
            job: results.spec.name, years: [results.series.years.first ?? 0, results.series.years.last ?? 0],
            periods: periods(results), transitions: results.periodization.transitionYears,
            breakpoints: results.periodization.breakpoints, cost: results.periodization.cost,
            breaksCapped: results.breaksCapped,
            bootstrap: Bootstrap(
                scheme: results.spec.bootstrap.scheme.rawValue,
                replicates: tally.replicates, seed: results.spec.bootstrap.seed,
                measurement: results.spec.bootstrap.measurement,
                matchWindow: results.spec.bootstrap.matchWindow,
                stageCountDistribution: distribution))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(doc)
        data.append(0x0A)
        return OutputFile(name: "periods.json", data: data)
    }

    package static func csv(_ results: JobResults) -> OutputFile {
        var csv = CSVText(header: [
            "stage", "start", "end", "name", "dominant_layer", "dominant_scale", "label",
            "label_probability", "runner_up", "margin", "runner_up_scale", "scale_margin",
            "scale_probability", "start_lo90", "start_hi90", "start_lo95", "start_hi95", "start_date_blur",
            "start_within_1y", "start_support", "weak",
        ])
        for p in periods(results) {
            csv.append([
                String(p.stage), String(p.start), String(p.end), p.name, p.dominantLayer, p.dominantScale,
                p.label, CSVText.number(p.labelProbability), p.runnerUp, CSVText.number(p.margin),
                p.runnerUpScale, CSVText.number(p.scaleMargin), CSVText.number(p.scaleProbability),
                p.startInterval90.map { String($0[0]) } ?? "", p.startInterval90.map { String($0[1]) } ?? "",
                p.startInterval95.map { String($0[0]) } ?? "", p.startInterval95.map { String($0[1]) } ?? "",
                p.startDateBlur.map(String.init) ?? "",
                CSVText.number(p.startWithin1y), CSVText.number(p.startSupport),
                p.stage >= 2 ? String(p.weak) : "",
            ])
        }
        return OutputFile(name: "periods.csv", text: csv.text)
    }

    /// core_places_by_period.csv: the core places of every stage in long
    /// format — stage, measure (pagerank | betweenness), rank (1 = highest
    /// mean over the stage), place id and name.
    package static func corePlaces(_ results: JobResults) -> OutputFile {
        var csv = CSVText(header: ["stage", "measure", "rank", "place", "name"])
        let panel = results.job.panel
        for stage in results.periodization.stages {
            for (measure, ids) in [("pagerank", stage.corePlaces), ("betweenness", stage.corePlacesByBetweenness)] {
                for (k, id) in ids.enumerated() {
                    let name = panel.placeIndex(of: id).map { panel.places[$0].name } ?? id
                    csv.append([String(stage.number), measure, String(k + 1), id, name])
                }
            }
        }
        return OutputFile(name: "core_places_by_period.csv", text: csv.text)
    }
}
