import CooperationNetwork

/// Which rule names a stage's dominant layer and scale (spec `stages.label`).
public enum StageLabelRule: String, Sendable, Hashable, CaseIterable, Codable {
    /// The layer whose within-layer normalized intensity grows most over the
    /// stage (docs/METHODS.md §5): what *emerges*, older modes persisting.
    case emergence
    /// The earlier rule: stage mean share / panel mean share.
    case share
}

/// The documented rule that names a stage (docs/METHODS.md, "Stage labels").
///
/// Dominant layer: the layer maximizing (mean share in the stage) / (mean
/// share over all years); layers with a zero whole-panel share are skipped;
/// ties go to the first layer in name order. The same rule on the scale
/// shares gives the dominant scale. Relative rather than absolute shares,
/// because trade dominates the absolute weight in every year of most panels.
public enum StageLabel {
    /// Index of the dominant entry among `stageMeans` relative to `panelMeans` (nil when all panel means are 0).
    public static func dominant(stageMeans: [Double], panelMeans: [Double]) -> Int? {
        var best: (index: Int, ratio: Double)? = nil
        for i in stageMeans.indices where panelMeans[i] > 0 {
            let ratio = stageMeans[i] / panelMeans[i]
            // A later entry wins only when clearly larger (ties, up to rounding, keep the first).
            if best == nil || ratio > best!.ratio + 1e-12 * Swift.max(1, abs(best!.ratio)) {
                best = (i, ratio)
            }
        }
        return best?.index
    }

    /// "trade-based", "industrial-park-based", "transport-corridor-oriented", …
    public static func adjective(forLayer layer: String) -> String {
        layer.isEmpty ? "unlabelled" : Layer(rawValue: layer).stageAdjective
    }

    /// "1988–1999 · trade-based · local scale · core: Heihe, Suifenhe".
    public static func name(startYear: Int, endYear: Int, layer: String, scale: String, coreNames: [String]) -> String {
        var parts = ["\(startYear)–\(endYear)", adjective(forLayer: layer)]
        if !scale.isEmpty { parts.append("\(scale) scale") }
        if !coreNames.isEmpty { parts.append("core: " + coreNames.joined(separator: ", ")) }
        return parts.joined(separator: " · ")
    }
}
