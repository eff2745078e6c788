import Foundation

/// The builder's report on stderr (RULES.md section 8): ties and rows per layer,
/// sourced and estimated, the trade series with its errors, and the places where the
/// format could not carry the rule (mixed alternative readings, runs that start
/// because another tie ended).
enum BuildSummary {
    static func text(
        places: Int, links: [JobLink], ties: [Tie], ports: [PlacePair: PortOpening],
        runs: SpellRuns, trade: ProvinceTradeSeries, years: ClosedRange<Int>
    ) -> String {
        var out = "build-default-job: \(places) places, \(links.count) rows in links.csv, years \(years.lowerBound)-\(years.upperBound)\n"
        out += "ties per layer (a tie = one port pair, park, corridor or act from one fact row):\n"
        for layer in LinkLayer.all {
            let rows = links.filter { $0.layer == layer }
            let estimatedRows = rows.filter(\.estimated).count
            if layer == LinkLayer.trade {
                out +=
                    "  \(layer): \(ports.count) port pairs; \(rows.count) link-year rows, "
                    + "\(rows.count - estimatedRows) sourced, \(estimatedRows) estimated\n"
            } else {
                let layerTies = ties.filter { $0.layer == layer }
                let estimatedTies = layerTies.filter(\.estimated).count
                let alternative = rows.filter { !$0.altLayer.isEmpty }.count
                out +=
                    "  \(layer): \(layerTies.count) ties, \(layerTies.count - estimatedTies) sourced, "
                    + "\(estimatedTies) estimated; \(rows.count) spell rows, \(rows.count - estimatedRows) sourced, "
                    + "\(estimatedRows) estimated, \(alternative) with alt_layer\n"
            }
        }
        out += "province trade H(y), billion USD (rel_error one sd):\n"
        for year in years {
            guard let t = trade.byYear[year] else { continue }
            out +=
                "  \(year) \(String(format: "%8.3f", t.value)) ±\(String(format: "%.3f", t.relError)) "
                + "\(t.estimated ? "estimated" : "sourced  ") \(t.basis)\n"
        }
        let estimatedYears = years.filter { trade.byYear[$0]?.estimated ?? false }
        out +=
            "estimated trade years (\(estimatedYears.count) of \(years.count)): "
            + estimatedYears.map(String.init).joined(separator: " ") + "\n"
        out +=
            "errors derived from the facts: interpolated share \(String(format: "%.3f", trade.interpolatedShareError)), "
            + "held share \(String(format: "%.3f", trade.heldShareError)), "
            + "interpolated national total \(String(format: "%.3f", trade.interpolatedNationalError))\n"
        for check in trade.crossChecks { out += "cross-check: \(check)\n" }
        for run in runs.runs where run.mixedAlternative {
            out += "alt_layer not carried (mixed reading): \(run.key.pair) \(run.key.layer) \(run.start)-\(run.end)\n"
        }
        for run in runs.runs where run.startsWithoutNewTie {
            out += "spell starts without a new tie (another tie ended): \(run.key.pair) \(run.key.layer) \(run.start)\n"
        }
        return out
    }
}
