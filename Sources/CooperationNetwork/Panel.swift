/// A multi-scale, multi-layer cooperation network observed yearly.
///
/// Links are kept sorted by (year, source, target, layer) so that a year's
/// links are one contiguous slice and every derived computation sees them in
/// the same order (a precondition for byte-identical outputs).
public struct Panel: Sendable {
    public let places: [Place]
    /// Distinct layers, sorted by name; `Link.layer` indexes this array.
    public let layers: [Layer]
    public let links: [Link]
    public let years: ClosedRange<Int>
    /// Whether links are directed (source → target). Default: undirected.
    public let directed: Bool

    private let placeIndexByID: [String: Int]
    /// yearStart[y - years.lowerBound] ..< yearStart[y - years.lowerBound + 1]
    private let yearStart: [Int]

    /// Builds a panel. Links are re-sorted; callers validate ids, years and weights first
    /// (see `PanelValidation`), this initializer only asserts them.
    public init(places: [Place], layers: [Layer], links: [Link], years: ClosedRange<Int>, directed: Bool = false) {
        self.places = places
        self.layers = layers
        self.years = years
        self.directed = directed
        var index: [String: Int] = [:]
        for (i, p) in places.enumerated() { index[p.id] = i }
        self.placeIndexByID = index
        let sorted = links.sorted { a, b in
            (a.year, a.source, a.target, a.layer, a.weight) < (b.year, b.source, b.target, b.layer, b.weight)
        }
        self.links = sorted
        var starts = [Int](repeating: sorted.count, count: years.count + 1)
        var cursor = 0
        for (k, y) in years.enumerated() {
            while cursor < sorted.count && sorted[cursor].year < y { cursor += 1 }
            starts[k] = cursor
        }
        self.yearStart = starts
    }

    public var yearCount: Int { years.count }

    public func placeIndex(of id: String) -> Int? { placeIndexByID[id] }

    /// The range of `links` observed in `year` (empty outside the panel's years).
    public func linkRange(in year: Int) -> Range<Int> {
        guard years.contains(year) else { return 0..<0 }
        let k = year - years.lowerBound
        return yearStart[k]..<yearStart[k + 1]
    }

    /// The links observed in `year`.
    public func links(in year: Int) -> ArraySlice<Link> { links[linkRange(in: year)] }

    /// Distinct regions, sorted.
    public var regions: [String] { Array(Set(places.map(\.region))).sorted() }

    /// Whether a link joins places of different countries.
    public func isCrossBorder(_ link: Link) -> Bool {
        places[link.source].country != places[link.target].country
    }

    /// A copy with different link weights/multiplicities (same places, layers, years).
    public func replacingLinks(_ newLinks: [Link]) -> Panel {
        Panel(places: places, layers: layers, links: newLinks, years: years, directed: directed)
    }
}
