/// A published periodization to compare with (spec key `reference`): the
/// report sets the found stages beside it, stage by stage. It is shown, never
/// used: no setting of the analysis reads it.
public struct ReferencePeriodization: Sendable, Hashable {
    public struct Stage: Sendable, Hashable {
        public var start: Int
        public var end: Int
        /// The layer the source names the stage by (e.g. "trade").
        public var layer: String

        public init(start: Int, end: Int, layer: String) {
            self.start = start
            self.end = end
            self.layer = layer
        }
    }

    /// Where the reading comes from (a citation).
    public var source: String
    public var stages: [Stage]

    public init(source: String, stages: [Stage]) {
        self.source = source
        self.stages = stages
    }
}
