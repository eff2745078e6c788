import XCTest
final class StageTransitionTestsPlaceholder: XCTestCase { func testModuleBuilds() { XCTAssertTrue(true) } }
