/// A published periodization to compare with (spec key `reference`): the
/// report sets the found stages beside it, stage by stage. It is shown, never
/// used: no setting of the analysis reads it.
package struct ReferencePeriodization: Sendable, Hashable {
    package struct Stage: Sendable, Hashable {
        package var start: Int
        package var end: Int
        /// The layer the source names the stage by (e.g. "trade").
        package var layer: String

        package init(start: Int, end: Int, layer: String) {
            self.start = start
            self.end = end
            self.layer = layer
        }
    }

    /// Where the reading comes from (a citation).
    package var source: String
    package var stages: [Stage]

    package init(source: String, stages: [Stage]) {
        self.source = source
        self.stages = stages
    }
}
