/// A node of the cooperation network: a city, port, park or capital.
package struct Place: Sendable, Hashable, Codable {
    /// Stable identifier used by links (e.g. `heihe`).
    package var id: String
    /// Display name (UTF-8, any script: 黑河, Благовещенск).
    package var name: String
    /// ISO 3166-1 alpha-2 country code (e.g. `CN`, `RU`); links between
    /// places of different countries are cross-border.
    package var country: String
    /// Free-form kind (city, port, industrial_park, region_capital …).
    package var kind: String
    package var scale: Scale
    /// The sub-national region (province, krai, oblast) the place belongs to;
    /// the unit of the leave-one-region-out sensitivity scenarios.
    package var region: String
    /// WGS 84 latitude in degrees.
    package var latitude: Double
    /// WGS 84 longitude in degrees.
    package var longitude: Double

    package init(
        id: String, name: String, country: String, kind: String, scale: Scale,
        region: String, latitude: Double, longitude: Double
    ) {
        self.id = id
        self.name = name
        self.country = country
        self.kind = kind
        self.scale = scale
        self.region = region
        self.latitude = latitude
        self.longitude = longitude
    }
}
