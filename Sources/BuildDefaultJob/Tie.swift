/// One thing on one pair and layer over its lifetime (RULES.md section 3): a facility,
/// service, park or act, from one fact row. Several ties on one pair and layer are cut
/// into spell rows by `SpellRuns`.
struct Tie {
    let pair: PlacePair
    let layer: String
    /// First and last year (inclusive), inside the panel.
    let start: Int
    let end: Int
    /// True when no row dates the end: the tie lasts to the panel's end by its kind's default.
    let openEnded: Bool
    /// `events:N` or `ports:N`.
    let ref: String
    /// True when the row behind the tie has no retrievable source (RULES.md section 5).
    let estimated: Bool
    let altLayer: String
    let dateUncertainty: Int

    func isActive(in year: Int) -> Bool { start <= year && year <= end }
}

/// A fact row read `confirms`: it shows the tie of `pair` on `layer` in `year` (no weight).
struct Confirmation {
    let pair: PlacePair
    let layer: String
    let year: Int
    let ref: String
    let file: String
    let line: Int
}

/// The opening of a port pair: it carries trade from `start` to the panel's end.
struct PortOpening {
    let start: Int
    let ref: String
}
