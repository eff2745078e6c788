/// The life of one tie: a pair of places on one layer, active every year from
/// `start` to `end` (inclusive).
///
/// A spell row of links.csv (`start`, `end`) is one spell; link-year rows of
/// the same pair and layer in consecutive years form one implicit spell (so a
/// tie that persists is one tie, not one per year). Spells are what the
/// `spells` bootstrap resamples, what `new_ties_<layer>` counts, and the unit
/// over which a measurement error stays correlated.
package struct TieSpell: Sendable, Hashable, Codable {
    package var source: Int
    package var target: Int
    /// Index into `Panel.layers`.
    package var layer: Int
    package var start: Int
    package var end: Int
    /// ± years by which `start` may be off (0 = dated exactly).
    package var dateUncertainty: Int

    package init(source: Int, target: Int, layer: Int, start: Int, end: Int, dateUncertainty: Int = 0) {
        self.source = source
        self.target = target
        self.layer = layer
        self.start = start
        self.end = end
        self.dateUncertainty = dateUncertainty
    }
}
