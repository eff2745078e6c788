import CooperationNetwork

/// Places whose coordinates look wrong for their country: outside the country's extent
/// in Natural Earth 1:50m (with a margin), the commonest cause being latitude and
/// longitude swapped. A warning, not an error: country codes Natural Earth does not know
/// (fictional test data, regions coded their own way) are not checked.
package enum CoordinateCheck {
    /// Degrees added around a country's extent (islands and rounding at 1:50m).
    package static let margin = 0.5

    package struct Warning: Sendable, Equatable, Encodable {
        package var place: String
        package var country: String
        package var latitude: Double
        package var longitude: Double
        /// The country's extent `[west, south, east, north]` in degrees.
        package var countryExtent: [Double]
        /// Whether the place would lie inside the extent with latitude and longitude swapped.
        package var swappedFits: Bool

        enum CodingKeys: String, CodingKey {
            case place, country, latitude, longitude
            case countryExtent = "country_extent", swappedFits = "swapped_fits"
        }

        /// One line for humans.
        package var message: String {
            let e = countryExtent
            let extent = "\(e[1])…\(e[3]) N, \(e[0])…\(e[2]) E"
            return "place '\(place)' (\(country)) at lat \(latitude), lon \(longitude) is outside \(country)'s extent (\(extent))"
                + (swappedFits ? "; with latitude and longitude swapped it would be inside — swapped columns?" : "")
        }
    }

    /// The suspicious places of `panel`, in places.csv order.
    package static func warnings(_ panel: Panel) -> [Warning] {
        var extents: [String: NaturalEarth.Bounds?] = [:]
        var out: [Warning] = []
        for place in panel.places {
            if extents[place.country] == nil {
                let countries = NaturalEarth.countries(coded: place.country)
                extents[place.country] =
                    countries.isEmpty
                    ? .some(nil)
                    : NaturalEarth.Bounds(
                        west: countries.map(\.bounds.west).min() ?? 0, south: countries.map(\.bounds.south).min() ?? 0,
                        east: countries.map(\.bounds.east).max() ?? 0, north: countries.map(\.bounds.north).max() ?? 0)
            }
            guard let known = extents[place.country], let box = known else { continue }
            guard !box.contains(longitude: place.longitude, latitude: place.latitude, margin: margin) else { continue }
            out.append(
                Warning(
                    place: place.id, country: place.country, latitude: place.latitude, longitude: place.longitude,
                    countryExtent: [box.west, box.south, box.east, box.north],
                    swappedFits: box.contains(longitude: place.latitude, latitude: place.longitude, margin: margin)))
        }
        return out
    }
}
