/// A place pair on one layer: the unit for which links.csv has one row per year.
struct LayerPair: Hashable, Comparable {
    let layer: String
    let pair: PlacePair

    static func < (lhs: LayerPair, rhs: LayerPair) -> Bool {
        (lhs.layer, lhs.pair.first, lhs.pair.second) < (rhs.layer, rhs.pair.first, rhs.pair.second)
    }
}
