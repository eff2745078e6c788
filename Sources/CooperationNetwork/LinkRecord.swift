/// One row of links.csv as text, before validation.
///
/// `estimated` is nil when the file has no `estimated` column (every link is
/// then a sourced value).
public struct LinkRecord: Sendable, Hashable {
    /// 1-based physical line of the row in its file.
    public var line: Int
    public var source: String
    public var target: String
    public var year: String
    public var layer: String
    public var weight: String
    public var estimated: String?

    public init(line: Int, source: String, target: String, year: String, layer: String, weight: String,
                estimated: String? = nil) {
        self.line = line
        self.source = source
        self.target = target
        self.year = year
        self.layer = layer
        self.weight = weight
        self.estimated = estimated
    }
}
