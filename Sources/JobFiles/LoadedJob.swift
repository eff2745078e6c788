import Analysis
import CooperationNetwork
import Foundation

/// A validated job: its spec, its panel and the exact bytes they came from
/// (hashed into the job id and shipped to workers, which re-parse them with
/// the same `JobSpecParser` and `PanelLoader`).
package struct LoadedJob: Sendable {
    package var spec: JobSpec
    package var panel: Panel
    package var directory: JobDirectory
    package var specBytes: Data
    package var placesBytes: Data
    package var linksBytes: Data

    package var specURL: URL { directory.specURL }
    package var placesURL: URL { directory.dataURL(spec.places) }
    package var linksURL: URL { directory.dataURL(spec.links) }

    package init(
        spec: JobSpec, panel: Panel, directory: JobDirectory, specBytes: Data, placesBytes: Data,
        linksBytes: Data
    ) {
        self.spec = spec
        self.panel = panel
        self.directory = directory
        self.specBytes = specBytes
        self.placesBytes = placesBytes
        self.linksBytes = linksBytes
    }
}
