import TestSupport
import XCTest
@testable import Cluster

/// Fair share's slot allocation, against a direct slot-by-slot reference: each slot to
/// the job with the lowest (leases + slots given) / weight, ties to the older job.
final class FairShareTests: XCTestCase {
    /// The rule as written in the documentation, one slot at a time with a linear scan.
    func reference(free: Int, _ claims: [FairShare.Claim]) -> [Int] {
        var given = [Int](repeating: 0, count: claims.count)
        guard !claims.isEmpty else { return given }
        for _ in 0..<free {
            var best = 0
            for j in claims.indices.dropFirst() {
                // (f_j + g_j) / w_j < (f_best + g_best) / w_best, in exact integer arithmetic.
                let lhs = Double(claims[j].inFlight + given[j]) / Double(claims[j].weight)
                let rhs = Double(claims[best].inFlight + given[best]) / Double(claims[best].weight)
                if lhs < rhs { best = j }
            }
            given[best] += 1
        }
        return given
    }

    func testASmallJobBehindALargeOneGetsTheFreedSlots() {
        // The large job holds 7 of 8 slots; one frees up: it goes to the newcomer.
        XCTAssertEqual(FairShare.allocate(free: 1, among: [.init(inFlight: 7, weight: 1), .init(inFlight: 0, weight: 1)]), [0, 1])
        // 8 free slots, nobody in flight: an even split, the older job first on odd counts.
        XCTAssertEqual(FairShare.allocate(free: 8, among: [.init(inFlight: 0, weight: 1), .init(inFlight: 0, weight: 1)]), [4, 4])
        XCTAssertEqual(FairShare.allocate(free: 3, among: [.init(inFlight: 0, weight: 1), .init(inFlight: 0, weight: 1)]), [2, 1])
        // Weight 3 against weight 1: three slots to one.
        XCTAssertEqual(FairShare.allocate(free: 8, among: [.init(inFlight: 0, weight: 1), .init(inFlight: 0, weight: 3)]), [2, 6])
        // A lone job takes everything, as under FIFO.
        XCTAssertEqual(FairShare.allocate(free: 1024, among: [.init(inFlight: 5000, weight: 1)]), [1024])
        XCTAssertEqual(FairShare.allocate(free: 0, among: [.init(inFlight: 0, weight: 1)]), [0])
        XCTAssertEqual(FairShare.allocate(free: 5, among: []), [])
    }

    func testAgreesWithTheSlotBySlotRuleOnRandomCases() {
        var rng = TestRandom(seed: 18)
        for _ in 0..<500 {
            let jobs = rng.int(1...12)
            let claims = (0..<jobs).map { _ in FairShare.Claim(inFlight: rng.int(0...40), weight: rng.int(1...5)) }
            let free = rng.int(0...64)
            let given = FairShare.allocate(free: free, among: claims)
            XCTAssertEqual(given.reduce(0, +), free)
            XCTAssertEqual(given, reference(free: free, claims), "\(claims) free \(free)")
        }
    }
}
