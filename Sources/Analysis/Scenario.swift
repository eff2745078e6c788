import CooperationNetwork

/// A regional-sensitivity scenario: the panel as observed, or modified in one region or layer.
public enum Scenario: Sendable, Hashable, Codable {
    case baseline
    /// Every link touching a place of the region removed.
    case leaveRegionOut(String)
    /// Every link of the layer removed.
    case leaveLayerOut(String)
    /// Every link touching a place of the region scaled by (1 + factor); factor may be negative.
    case perturbRegion(String, factor: Double)

    /// Stable identifier used in output files, e.g. `leave_region_out:Amur Oblast`.
    public var id: String {
        switch self {
        case .baseline: return "baseline"
        case .leaveRegionOut(let r): return "leave_region_out:\(r)"
        case .leaveLayerOut(let l): return "leave_layer_out:\(l)"
        case .perturbRegion(let r, let f): return "perturb_region:\(r):\(f >= 0 ? "+" : "")\(f)"
        }
    }

    /// The kind column of sensitivity outputs.
    public var kind: String {
        switch self {
        case .baseline: return "baseline"
        case .leaveRegionOut: return "leave_region_out"
        case .leaveLayerOut: return "leave_layer_out"
        case .perturbRegion: return "perturb_region"
        }
    }

    /// The region or layer the scenario modifies ("" for the baseline).
    public var target: String {
        switch self {
        case .baseline: return ""
        case .leaveRegionOut(let r), .perturbRegion(let r, _): return r
        case .leaveLayerOut(let l): return l
        }
    }

    /// Link weights of the panel under this scenario (indexed like `panel.links`).
    public func weights(for panel: Panel) -> [Double] {
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
        }
    }

    /// The scenarios a spec asks for, baseline first, in a fixed order
    /// (regions and layers sorted by name).
    public static func planned(by settings: SensitivitySettings, panel: Panel) -> [Scenario] {
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
        return out
    }
}
