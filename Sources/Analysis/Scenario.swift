import CooperationNetwork

/// A regional-sensitivity scenario: the panel as observed, or modified in one region or layer.
package enum Scenario: Sendable, Hashable, Codable {
    case baseline
    /// Every link touching a place of the region removed.
    case leaveRegionOut(String)
    /// Every link of the layer removed.
    case leaveLayerOut(String)
    /// Every link touching a place of the region scaled by (1 + factor); factor may be negative.
    case perturbRegion(String, factor: Double)
    /// Every link marked `estimated` removed: what the sourced values alone say.
    case leaveOutEstimated
    /// Every link with an `alt_layer` moved onto that layer (the alternative
    /// reading of ambiguous facts; the panel's reading rule names them).
    case alternativeReading

    /// Stable identifier used in output files, e.g. `leave_region_out:Amur Oblast`.
    package var id: String {
        switch self {
        case .baseline: return "baseline"
        case .leaveRegionOut(let r): return "leave_region_out:\(r)"
        case .leaveLayerOut(let l): return "leave_layer_out:\(l)"
        case .perturbRegion(let r, let f): return "perturb_region:\(r):\(f >= 0 ? "+" : "")\(f)"
        case .leaveOutEstimated: return "leave_out_estimated"
        case .alternativeReading: return "alternative_reading"
        }
    }

    /// The kind column of sensitivity outputs.
    package var kind: String {
        switch self {
        case .baseline: return "baseline"
        case .leaveRegionOut: return "leave_region_out"
        case .leaveLayerOut: return "leave_layer_out"
        case .perturbRegion: return "perturb_region"
        case .leaveOutEstimated: return "leave_out_estimated"
        case .alternativeReading: return "alternative_reading"
        }
    }

    /// The region or layer the scenario modifies ("" for the baseline).
    package var target: String {
        switch self {
        case .baseline, .leaveOutEstimated, .alternativeReading: return ""
        case .leaveRegionOut(let r), .perturbRegion(let r, _): return r
        case .leaveLayerOut(let l): return l
        }
    }

    /// Link weights of the panel under this scenario (indexed like `panel.links`).
    package func weights(for panel: Panel) -> [Double] {
        switch self {
        case .baseline:
            return panel.links.map(\.weight)
        case .leaveRegionOut(let region):
            return panel.links.map { link in
                panel.places[link.source].region == region || panel.places[link.target].region == region ? 0 : link.weight
            }
        case .leaveLayerOut(let layer):
            return panel.links.map { panel.layers[$0.layer].rawValue == layer ? 0 : $0.weight }
        case .perturbRegion(let region, let factor):
            return panel.links.map { link in
                panel.places[link.source].region == region || panel.places[link.target].region == region
                    ? link.weight * (1 + factor) : link.weight
            }
        case .leaveOutEstimated:
            return panel.links.map { $0.estimated ? 0 : $0.weight }
        case .alternativeReading:
            return panel.links.map(\.weight)
        }
    }

    /// The panel the scenario analyses: the same panel, except under
    /// `alternativeReading`, where links move to their alternative layer.
    package func panel(from panel: Panel) -> Panel {
        guard case .alternativeReading = self else { return panel }
        return panel.replacingLinks(
            panel.links.map { link in
                var moved = link
                if let alternative = link.alternativeLayer { moved.layer = alternative }
                return moved
            })
    }

    /// The scenarios a spec asks for, baseline first, in a fixed order
    /// (regions and layers sorted by name).
    package static func planned(by settings: SensitivitySettings, panel: Panel) -> [Scenario] {
        var out: [Scenario] = [.baseline]
        func expand(_ list: [String]?, all: [String]) -> [String] {
            guard let list else { return [] }
            return list.isEmpty ? all : list
        }
        let regions = panel.regions
        for r in expand(settings.leaveOneRegionOut, all: regions) { out.append(.leaveRegionOut(r)) }
        for l in expand(settings.leaveOneLayerOut, all: panel.layers.map(\.rawValue)) { out.append(.leaveLayerOut(l)) }
        for r in expand(settings.perturbRegion, all: regions) {
            out.append(.perturbRegion(r, factor: settings.perturbFactor))
            out.append(.perturbRegion(r, factor: -settings.perturbFactor))
        }
        if settings.leaveOutEstimated { out.append(.leaveOutEstimated) }
        if settings.alternativeReading { out.append(.alternativeReading) }
        return out
    }
}
