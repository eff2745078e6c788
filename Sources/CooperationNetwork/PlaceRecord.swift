/// One row of places.csv as text, before validation.
///
/// Keeping the raw text (and the physical line it came from) separate from
/// `Place` lets `PanelValidation` report every bad field with its line,
/// whatever the file format the row came from.
package struct PlaceRecord: Sendable, Hashable {
    /// 1-based physical line of the row in its file.
    package var line: Int
    package var id: String
    package var name: String
    package var country: String
    package var kind: String
    package var scale: String
    package var region: String
    package var latitude: String
    package var longitude: String

    package init(
        line: Int, id: String, name: String, country: String, kind: String, scale: String,
        region: String, latitude: String, longitude: String
    ) {
        self.line = line
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
