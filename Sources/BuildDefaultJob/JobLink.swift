/// One row of the job's links.csv: an undirected, yearly, weighted tie on one layer.
struct JobLink {
    let pair: PlacePair
    let year: Int
    let layer: String
    /// Billion USD for `trade`; a count of parks, facilities or acts (1.0 each) otherwise.
    let weight: Double
    /// True when the weight rests on a documented estimate rather than a reported value.
    let estimated: Bool
    let basis: String
    /// Rows behind the link: `events:N`, `trade:N` (line numbers in the facts), joined with `;`.
    let eventRef: String
}
