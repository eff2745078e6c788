import Foundation

/// A multi-scale, multi-layer cooperation network observed yearly.
///
/// Links are kept sorted by (year, source, target, layer) so that a year's
/// links are one contiguous slice and every derived computation sees them in
/// the same order (a precondition for byte-identical outputs).
package struct Panel: Sendable {
    package let places: [Place]
    /// Distinct layers, sorted by name; `Link.layer` indexes this array.
    package let layers: [Layer]
    package let links: [Link]
    package let years: ClosedRange<Int>
    /// Whether links are directed (source → target). Default: undirected.
    package let directed: Bool
    /// Tie spells (`Link.spell` indexes this array): the explicit spells of
    /// links.csv's spell rows first, then the implicit ones — maximal runs of
    /// consecutive years of link-year rows of the same pair and layer (the
    /// pair unordered on undirected panels).
    package let spells: [TieSpell]
    /// The most decimals any weight has in links.csv (nil for panels built in
    /// memory, or when a weight is written with an exponent): a sum of given
    /// weights is exact at that many decimals, so outputs print such sums
    /// rounded to them (`roundedSum`) instead of carrying binary residue
    /// such as 1.9999999999999998.
    package let weightDecimals: Int?

    private let placeIndexByID: [String: Int]
    /// yearStart[y - years.lowerBound] ..< yearStart[y - years.lowerBound + 1]
    private let yearStart: [Int]

    /// Builds a panel. Links are re-sorted; callers validate ids, years and weights first
    /// (see `PanelValidation`), this initializer only asserts them.
    ///
    /// - Parameter spells: the explicit spells that links with `spell >= 0`
    ///   index; links with `spell == -1` get implicit spells appended.
    package init(
        places: [Place], layers: [Layer], links: [Link], years: ClosedRange<Int>, directed: Bool = false,
        spells: [TieSpell] = [], weightDecimals: Int? = nil
    ) {
        self.weightDecimals = weightDecimals
        self.places = places
        self.layers = layers
        self.years = years
        self.directed = directed
        var index: [String: Int] = [:]
        for (i, p) in places.enumerated() { index[p.id] = i }
        self.placeIndexByID = index
        var sorted = links.sorted { a, b in
            (a.year, a.source, a.target, a.layer, a.weight) < (b.year, b.source, b.target, b.layer, b.weight)
        }
        self.spells = Self.assignImplicitSpells(&sorted, explicit: spells, directed: directed)
        self.links = sorted
        var starts = [Int](repeating: sorted.count, count: years.count + 1)
        var cursor = 0
        for (k, y) in years.enumerated() {
            while cursor < sorted.count && sorted[cursor].year < y { cursor += 1 }
            starts[k] = cursor
        }
        self.yearStart = starts
    }

    package var yearCount: Int { years.count }

    package func placeIndex(of id: String) -> Int? { placeIndexByID[id] }

    /// The range of `links` observed in `year` (empty outside the panel's years).
    package func linkRange(in year: Int) -> Range<Int> {
        guard years.contains(year) else { return 0..<0 }
        let k = year - years.lowerBound
        return yearStart[k]..<yearStart[k + 1]
    }

    /// The links observed in `year`.
    package func links(in year: Int) -> ArraySlice<Link> { links[linkRange(in: year)] }

    /// Distinct regions, sorted.
    package var regions: [String] { Array(Set(places.map(\.region))).sorted() }

    /// Whether a link joins places of different countries.
    package func isCrossBorder(_ link: Link) -> Bool {
        places[link.source].country != places[link.target].country
    }

    /// A copy with different link weights/multiplicities (same places, layers, years, spells).
    package func replacingLinks(_ newLinks: [Link]) -> Panel {
        Panel(
            places: places, layers: layers, links: newLinks, years: years, directed: directed, spells: spells,
            weightDecimals: weightDecimals)
    }

    /// A sum of given weights rounded to `weightDecimals` (unchanged when that is nil).
    package func roundedSum(_ x: Double) -> Double {
        guard let weightDecimals, x.isFinite else { return x }
        let scale = pow(10.0, Double(weightDecimals))
        let rounded = (x * scale).rounded() / scale
        return rounded.isFinite ? rounded : x
    }

    /// Gives every link-year row without a spell (`spell == -1`) the implicit
    /// spell of its run of consecutive years; returns all spells.
    /// `links` must be sorted by year.
    private static func assignImplicitSpells(_ links: inout [Link], explicit: [TieSpell], directed: Bool) -> [TieSpell] {
        struct TieKey: Hashable { var a: Int, b: Int, layer: Int }
        var spells = explicit
        var open: [TieKey: Int] = [:]
        for i in links.indices where links[i].spell < 0 {
            let link = links[i]
            let key =
                directed || link.source <= link.target
                ? TieKey(a: link.source, b: link.target, layer: link.layer)
                : TieKey(a: link.target, b: link.source, layer: link.layer)
            if let s = open[key], spells[s].end >= link.year - 1 {
                spells[s].end = max(spells[s].end, link.year)
                links[i].spell = s
            } else {
                open[key] = spells.count
                links[i].spell = spells.count
                spells.append(TieSpell(source: key.a, target: key.b, layer: link.layer, start: link.year, end: link.year))
            }
        }
        return spells
    }
}
