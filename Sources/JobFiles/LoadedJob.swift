import Analysis
import CooperationNetwork
import Foundation

/// A validated job: its spec, its panel and the exact bytes they came from
/// (hashed into the job id and shipped to workers, which re-parse them with
/// the same `JobSpecParser` and `PanelLoader`).
public struct LoadedJob: Sendable {
    public var spec: JobSpec
    public var panel: Panel
    public var directory: JobDirectory
    public var specBytes: Data
    public var placesBytes: Data
    public var linksBytes: Data

    public var specURL: URL { directory.specURL }
    public var placesURL: URL { directory.dataURL(spec.places) }
    public var linksURL: URL { directory.dataURL(spec.links) }

    public init(spec: JobSpec, panel: Panel, directory: JobDirectory, specBytes: Data, placesBytes: Data,
                linksBytes: Data) {
        self.spec = spec
        self.panel = panel
        self.directory = directory
        self.specBytes = specBytes
        self.placesBytes = placesBytes
        self.linksBytes = linksBytes
    }
}
