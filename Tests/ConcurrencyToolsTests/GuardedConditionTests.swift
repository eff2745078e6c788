import ConcurrencyTools
import Foundation
import XCTest

final class GuardedConditionTests: XCTestCase {
    /// Many threads incrementing under the lock lose no update (a lost update would
    /// show as a smaller total).
    func testIncrementsFromManyThreadsAreSerialized() throws {
        let counter = GuardedCondition(0)
        let threads = (0..<4).map { i in
            OwnedThread(name: "adder \(i)") { _ in
                for _ in 0..<10_000 { counter.withLock { $0.state += 1 } }
            }
        }
        for thread in threads { try thread.join() }
        XCTAssertEqual(counter.withLock { $0.state }, 40_000)
    }

    /// A producer/consumer hand-off: the consumer waits for each item in order.
    func testWaitUntilSeesEveryProducedItemInOrder() throws {
        let queue = GuardedCondition<[Int]>([])
        let producer = OwnedThread(name: "producer") { _ in
            for i in 0..<100 {
                queue.withLock { access in
                    access.state.append(i)
                    access.signal()
                }
            }
        }
        var received: [Int] = []
        while received.count < 100 {
            let batch: [Int] = queue.withLock { access in
                access.wait { !$0.isEmpty }
                defer { access.state.removeAll() }
                return access.state
            }
            received += batch
        }
        try producer.join()
        XCTAssertEqual(received, Array(0..<100))
    }

    func testTimedWaitReturnsFalseWithoutASignal() {
        let box = GuardedCondition(0)
        let signalled = box.withLock { $0.wait(until: Date().addingTimeInterval(0.02)) }
        XCTAssertFalse(signalled)
    }
}
