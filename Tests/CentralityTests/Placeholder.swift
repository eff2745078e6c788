import XCTest
final class CentralityTestsPlaceholder: XCTestCase { func testModuleBuilds() { XCTAssertTrue(true) } }
