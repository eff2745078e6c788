import XCTest
final class AnalysisTestsPlaceholder: XCTestCase { func testModuleBuilds() { XCTAssertTrue(true) } }
