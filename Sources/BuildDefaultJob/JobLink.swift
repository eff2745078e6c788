/// One row of the job's links.csv: a spell (start–end, in the layer's unit) or, for
/// trade, a link-year (RULES.md section 8). Undirected.
struct JobLink {
    enum Time {
        /// A link-year row (trade).
        case year(Int)
        /// A spell row; `end` nil = active to the panel's last year by default.
        case spell(start: Int, end: Int?)
    }

    let pair: PlacePair
    let layer: String
    let time: Time
    /// Billion USD for trade; a count of parks, corridors or acts otherwise.
    let weight: Double
    /// True when the weight or the tie rests on an estimate (RULES.md section 5).
    let estimated: Bool
    /// Relative one-sd error of the weight (trade); nil = the layer's default.
    let relError: Double?
    /// ± years on a spell's start; nil for link-year rows.
    let dateUncertainty: Int?
    /// The layer under the alternative reading; empty = none.
    let altLayer: String
    let basis: String
    /// Fact rows behind the row: `events:N`, `trade:N`, `ports:N`.
    var refs: [String]

    /// The year the row starts: its year, or its spell's start (the sort key).
    var firstYear: Int {
        switch time {
        case .year(let year): return year
        case .spell(let start, _): return start
        }
    }

    /// Whether the row covers `year` (a spell with no end covers the years up to `last`).
    func covers(_ year: Int, last: Int) -> Bool {
        switch time {
        case .year(let y): return y == year
        case .spell(let start, let end): return start <= year && year <= (end ?? last)
        }
    }
}
