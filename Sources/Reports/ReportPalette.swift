import CooperationNetwork

/// The report's colours: one per layer from the eight of Okabe & Ito (2008),
/// readable by colour-blind readers, reused for the stages (coloured by their
/// dominant layer) and the stage labels (a label is a layer's adjective), and
/// one fill per country.
///
/// The built-in layers keep their colour in every report. User layers, in name
/// order, take first the colours of built-in layers the panel does not have,
/// then sky blue, black, vermillion and yellow — vermillion, close to trade's
/// orange, only when seven layers are present, and yellow, faint on the light
/// map, last. Up to 8 layers get 8 distinct colours; beyond, they repeat.
struct ReportPalette: Sendable {
    static let builtInColours: [Layer: String] = [
        .trade: "#E69F00", .industrialPark: "#009E73", .transportCorridor: "#0072B2", .institutional: "#CC79A7",
    ]
    /// User layers' colours after the unused built-in ones, in order of preference.
    static let otherColours = ["#56B4E9", "#000000", "#D55E00", "#F0E442"]
    static let builtInOrder: [Layer] = [.trade, .industrialPark, .transportCorridor, .institutional]
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
        let free =
            Self.builtInOrder.filter { !layers.contains($0) }.compactMap { Self.builtInColours[$0] }
            + Self.otherColours
        return free[rank % free.count]
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
