import CooperationNetwork

/// Facts about every link of a panel that no replicate changes — whether it
/// crosses the border, its great-circle length, its ends' scales — computed
/// once per job so the per-replicate hot path does no string comparison and
/// no trigonometry.
package struct LinkFacts: Sendable {
    package let crossBorder: [Bool]
    package let lengthKm: [Double]
    /// Index into `Scale.allCases` of each link's source and target.
    package let sourceScale: [Int]
    package let targetScale: [Int]
    /// Whether the link is the first row of its tie spell in its year.
    package let firstRowInYear: [Bool]
    /// The first row of the same tie spell in the previous year, or −1 (none).
    /// A link-year opens a tie (`new_ties_<layer>`) when it weighs > 0 and this
    /// row is absent or weighs 0 — so a replicate that moves a spell's start
    /// (`date_uncertainty`) counts the tie in the year it now starts.
    package let previousInSpell: [Int]

    package init(panel: Panel) {
        crossBorder = panel.links.map(panel.isCrossBorder)
        lengthKm = panel.links.map { link in
            let a = panel.places[link.source]
            let b = panel.places[link.target]
            return GreatCircle.distanceKm(lat1: a.latitude, lon1: a.longitude, lat2: b.latitude, lon2: b.longitude)
        }
        sourceScale = panel.links.map { NetworkIndicators.scaleIndex(panel.places[$0.source].scale) }
        targetScale = panel.links.map { NetworkIndicators.scaleIndex(panel.places[$0.target].scale) }
        var lastYear = [Int](repeating: Int.min, count: panel.spells.count)
        var lastFirstRow = [Int](repeating: -1, count: panel.spells.count)
        var first = [Bool](repeating: false, count: panel.links.count)
        var previous = [Int](repeating: -1, count: panel.links.count)
        for (i, link) in panel.links.enumerated() where panel.spells.indices.contains(link.spell) {
            let s = link.spell
            guard lastYear[s] != link.year else { continue }  // links are sorted by year
            first[i] = true
            previous[i] = lastYear[s] == link.year - 1 ? lastFirstRow[s] : -1
            lastYear[s] = link.year
            lastFirstRow[s] = i
        }
        firstRowInYear = first
        previousInSpell = previous
    }
}
