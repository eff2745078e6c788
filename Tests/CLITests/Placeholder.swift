import XCTest
final class CLITestsPlaceholder: XCTestCase { func testModuleBuilds() { XCTAssertTrue(true) } }
