import CooperationNetwork

/// Facts about every link of a panel that no replicate changes — whether it
/// crosses the border, its great-circle length, its ends' scales — computed
/// once per job so the per-replicate hot path does no string comparison and
/// no trigonometry.
public struct LinkFacts: Sendable {
    public let crossBorder: [Bool]
    public let lengthKm: [Double]
    /// Index into `Scale.allCases` of each link's source and target.
    public let sourceScale: [Int]
    public let targetScale: [Int]
    /// Whether the link is the first row of its tie spell in the spell's first
    /// year (counted once by `new_ties_<layer>` when its weight is positive).
    public let startsSpell: [Bool]

    public init(panel: Panel) {
        crossBorder = panel.links.map(panel.isCrossBorder)
        lengthKm = panel.links.map { link in
            let a = panel.places[link.source], b = panel.places[link.target]
            return GreatCircle.distanceKm(lat1: a.latitude, lon1: a.longitude, lat2: b.latitude, lon2: b.longitude)
        }
        sourceScale = panel.links.map { NetworkIndicators.scaleIndex(panel.places[$0.source].scale) }
        targetScale = panel.links.map { NetworkIndicators.scaleIndex(panel.places[$0.target].scale) }
        var seenIn = [Int](repeating: Int.min, count: panel.spells.count)
        startsSpell = panel.links.map { link in
            guard panel.spells.indices.contains(link.spell) else { return false }
            defer { seenIn[link.spell] = link.year }
            return seenIn[link.spell] != link.year && panel.spells[link.spell].start == link.year
        }
    }
}
