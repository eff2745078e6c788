import CooperationNetwork

/// The report's colours: one per layer (Okabe–Ito, readable by colour-blind
/// readers), reused for the stages (coloured by their dominant layer) and the
/// stage labels (a label is a layer's adjective), and one fill per country.
/// The built-in layers keep their colour in every report; user layers take
/// the remaining ones in name order.
struct ReportPalette: Sendable {
    static let builtInColours: [Layer: String] = [
        .trade: "#E69F00", .industrialPark: "#009E73", .transportCorridor: "#0072B2", .institutional: "#CC79A7",
    ]
    static let otherColours = ["#D55E00", "#56B4E9", "#F0E442", "#000000"]
    static let countryFills = ["#333333", "#FFFFFF", "#999999", "#DDDDDD"]
    static let unknown = "#9E9E9E"

    let layers: [Layer]
    let countries: [String]

    init(panel: Panel) {
        self.layers = panel.layers
        self.countries = Array(Set(panel.places.map(\.country))).sorted()
    }

    /// Colour of layer `index` (index into `Panel.layers`, sorted by name).
    func layer(_ index: Int) -> String {
        guard layers.indices.contains(index) else { return Self.unknown }
        if let colour = Self.builtInColours[layers[index]] { return colour }
        let rank = layers[..<index].filter { Self.builtInColours[$0] == nil }.count
        return Self.otherColours[rank % Self.otherColours.count]
    }

    /// Colour of a layer given by name ("" or an unknown name: grey).
    func layer(named name: String) -> String {
        layers.firstIndex(where: { $0.rawValue == name }).map(layer) ?? Self.unknown
    }

    /// Colour of a stage label (e.g. "trade-based" → the trade layer's colour).
    func label(_ label: String) -> String {
        layers.firstIndex(where: { $0.stageAdjective == label }).map(layer) ?? Self.unknown
    }

    /// Circle fill of a place of `country` (countries in code order).
    func country(_ code: String) -> String {
        countries.firstIndex(of: code).map { Self.countryFills[$0 % Self.countryFills.count] } ?? Self.unknown
    }
}
