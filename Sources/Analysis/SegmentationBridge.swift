import StageTransition

/// The single place where Analysis calls the StageTransition module.
enum SegmentationBridge {
    static func segment(_ rows: [[Double]], settings: StageSettings) throws -> (breakpoints: [Int], cost: Double) {
        fatalError("SegmentationBridge: pending the StageTransition module API")
    }
}
