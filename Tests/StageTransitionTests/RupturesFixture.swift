import Foundation
import TestSupport

/// One reference segmentation computed by ruptures 1.1.10
/// (scripts/fixtures/changepoints.py → Tests/Fixtures/changepoints/*.json).
struct RupturesFixture: Decodable {
    struct Parameters: Decodable {
        var algorithm: String
        var model: String
        var minSize: Int
        var jump: Int
        var nBkps: Int?
        var maxBreaks: Int?
        var pen: Double?
        var penaltyName: String?

        enum CodingKeys: String, CodingKey {
            case algorithm, model, jump, pen
            case minSize = "min_size"
            case nBkps = "n_bkps"
            case maxBreaks = "max_breaks"
            case penaltyName = "penalty_name"
        }
    }

    var name: String
    var ruptures: String
    var n: Int
    var dims: Int
    var standardize: Bool
    var params: Parameters
    var bkps: [Int]
    /// Tie fixtures (l2): ruptures's recursion in exact rational arithmetic.
    var exactBkps: [Int]?
    var cost: Double
    var segmentCosts: [Double]
    var signal: [[Double]]

    enum CodingKeys: String, CodingKey {
        case name, ruptures, n, dims, standardize, params, bkps, cost, signal
        case segmentCosts = "segment_costs"
        case exactBkps = "exact_bkps"
    }

    /// What transborder must return: ruptures's breakpoints, except where
    /// ruptures resolved an exact tie by 1-ulp float rounding; there, the
    /// earliest exact optimum (same objective value as ruptures's answer).
    var expectedBreakpoints: [Int] {
        exactBkps ?? bkps
    }

    /// Every committed fixture, sorted by name.
    static func all() throws -> [RupturesFixture] {
        let folder = Fixtures.url("changepoints")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
        return try names.map { try Fixtures.load(RupturesFixture.self, "changepoints/\($0)") }
    }
}
