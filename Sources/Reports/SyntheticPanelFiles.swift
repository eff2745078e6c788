import Analysis
import AtomicOutput
import CooperationNetwork
import Foundation
import Resampling

/// A synthetic panel written as a job folder (`transborder generate`).
extension SyntheticPanel {
    /// The generated files: places.csv, links.csv, job.yaml, truth.json.
    package func files() -> [OutputFile] {
        let panel = panel()
        var placeText = CSVText(header: ["id", "name", "country", "kind", "scale", "region", "lat", "lon"])
        for p in panel.places {
            placeText.append([
                p.id, p.name, p.country, p.kind, p.scale.rawValue, p.region,
                CSVText.number(p.latitude), CSVText.number(p.longitude),
            ])
        }
        var linkText = CSVText(header: ["source", "target", "year", "start", "end", "layer", "weight", "estimated"])
        // Explicit spells as spell rows (one per spell, at its first link-year), the rest as link-years.
        var written = Set<Int>()
        let explicit = design == .emergence
        for l in panel.links {
            let ids = [panel.places[l.source].id, panel.places[l.target].id]
            let tail = [panel.layers[l.layer].rawValue, CSVText.number(l.weight), "false"]
            let spell = panel.spells.indices.contains(l.spell) ? panel.spells[l.spell] : nil
            if explicit, let spell, panel.layers[l.layer] != .trade {
                guard written.insert(l.spell).inserted else { continue }
                linkText.append(ids + ["", String(spell.start), String(spell.end)] + tail)
            } else {
                linkText.append(ids + [String(l.year), "", ""] + tail)
            }
        }
        var truth = "{\"stage_starts\": [" + stageStarts.map(String.init).joined(separator: ", ") + "]"
        if design == .emergence {
            truth += ", \"stage_layers\": [" + emergingLayers.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") + "]"
        }
        truth += "}\n"
        return [
            OutputFile(name: "places.csv", text: placeText.text),
            OutputFile(name: "links.csv", text: linkText.text),
            OutputFile(name: "job.yaml", text: jobYAML()),
            OutputFile(name: "truth.json", text: truth),
        ]
    }

    func jobYAML() -> String {
        let sensitivity =
            scenarios
            ? "sensitivity:\n  leave_one_region_out: all\n  leave_one_layer_out: all\n  replicates: 0\n"
            : ""
        let layers =
            design == .emergence
            ? "layers:\n" + presentLayers.sorted().map { "  \($0.rawValue): {unit: \"\(Self.emergenceUnits[$0] ?? "")\"}\n" }.joined()
            : ""
        return """
            # Synthetic panel (\(design.rawValue) design): \(places) places, \(years) years, \(stages) planted stages, noise \(noise)\(noiseRho == 0 ? "" : " (year-to-year ρ \(noiseRho))"), seed \(seed).
            name: synthetic-\(places)x\(years)-k\(stages)-s\(seed)
            data: {places: places.csv, links: links.csv}
            years: {first: \(firstYear), last: \(firstYear + years - 1)}
            directed: false
            distance: inverse
            stages: {method: dynp, cost: l2, breaks: auto, max_breaks: \(max(stages + 2, 5)), penalty: bic, min_size: \(minSize), standardize: true}
            bootstrap: {scheme: links, replicates: \(replicates), seed: \(seed), batch_size: 10}

            """ + layers + sensitivity
    }
}
