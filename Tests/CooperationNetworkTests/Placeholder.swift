import XCTest
final class CooperationNetworkTestsPlaceholder: XCTestCase { func testModuleBuilds() { XCTAssertTrue(true) } }
