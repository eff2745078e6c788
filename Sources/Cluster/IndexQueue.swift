/// A FIFO of task indices with cheap pushes at both ends (re-queued tasks go first).
struct IndexQueue {
    private var items: [Int] = []
    private var head = 0

    var isEmpty: Bool { head == items.count }
    var count: Int { items.count - head }

    mutating func pushBack(_ value: Int) { items.append(value) }

    mutating func pushFront(_ value: Int) {
        if head > 0 {
            head -= 1
            items[head] = value
        } else {
            items.insert(value, at: 0)
        }
    }

    mutating func popFront() -> Int? {
        guard head < items.count else { return nil }
        let value = items[head]
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return value
    }
}
