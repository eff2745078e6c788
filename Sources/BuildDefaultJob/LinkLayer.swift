/// The layer names written to links.csv (lowercase snake_case, as the loader expects).
enum LinkLayer {
    static let trade = "trade"
    static let industrialPark = "industrial_park"
    static let transportCorridor = "transport_corridor"
    static let institutional = "institutional"

    static let all = [trade, industrialPark, transportCorridor, institutional]
}
