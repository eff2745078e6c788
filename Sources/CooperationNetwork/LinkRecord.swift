/// One row of links.csv as text, before validation.
///
/// A row is either a link-year (`year`) or a tie spell (`start`, optional
/// `end`). Optional columns the file lacks are nil: `estimated` (every link
/// is then a sourced value), `start`/`end`, `rel_error`, `date_uncertainty`,
/// `alt_layer`.
package struct LinkRecord: Sendable, Hashable {
    /// 1-based physical line of the row in its file.
    package var line: Int
    package var source: String
    package var target: String
    package var year: String
    package var layer: String
    package var weight: String
    package var estimated: String?
    package var start: String?
    package var end: String?
    package var relError: String?
    package var dateUncertainty: String?
    package var alternativeLayer: String?

    package init(
        line: Int, source: String, target: String, year: String, layer: String, weight: String,
        estimated: String? = nil, start: String? = nil, end: String? = nil, relError: String? = nil,
        dateUncertainty: String? = nil, alternativeLayer: String? = nil
    ) {
        self.start = start
        self.end = end
        self.relError = relError
        self.dateUncertainty = dateUncertainty
        self.alternativeLayer = alternativeLayer
        self.line = line
        self.source = source
        self.target = target
        self.year = year
        self.layer = layer
        self.weight = weight
        self.estimated = estimated
    }
}
