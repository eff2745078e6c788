/// One row of places.csv as text, before validation.
///
/// Keeping the raw text (and the physical line it came from) separate from
/// `Place` lets `PanelValidation` report every bad field with its line,
/// whatever the file format the row came from.
public struct PlaceRecord: Sendable, Hashable {
    /// 1-based physical line of the row in its file.
    public var line: Int
    public var id: String
    public var name: String
    public var country: String
    public var kind: String
    public var scale: String
    public var region: String
    public var latitude: String
    public var longitude: String

    public init(
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
