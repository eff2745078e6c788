import XCTest
final class ClusterTestsPlaceholder: XCTestCase { func testModuleBuilds() { XCTAssertTrue(true) } }
