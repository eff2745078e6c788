/// The layer names written to links.csv (lowercase snake_case, as the loader expects),
/// and how a count on each is named in the `basis` column (RULES.md section 1).
enum LinkLayer {
    static let trade = "trade"
    static let industrialPark = "industrial_park"
    static let transportCorridor = "transport_corridor"
    static let institutional = "institutional"

    static let all = [trade, industrialPark, transportCorridor, institutional]

    /// "1 park", "2 corridors", "3 acts in force": the basis of a spell row.
    static func count(_ n: Int, on layer: String) -> String {
        switch layer {
        case industrialPark: return n == 1 ? "1 park operating" : "\(n) parks operating"
        case transportCorridor: return n == 1 ? "1 corridor" : "\(n) corridors"
        default: return n == 1 ? "1 act in force" : "\(n) acts in force"
        }
    }
}
