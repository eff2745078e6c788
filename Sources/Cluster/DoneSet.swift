/// Which task indices of a job have a stored result: one bit per task
/// (200,000 tasks take 25 kB whatever the number finished).
struct DoneSet {
    private var words: [UInt64]
    private(set) var count = 0

    init(capacity: Int) {
        words = [UInt64](repeating: 0, count: (capacity + 63) / 64)
    }

    func contains(_ index: Int) -> Bool {
        words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    /// Marks `index`; false when it was already marked.
    @discardableResult
    mutating func insert(_ index: Int) -> Bool {
        let bit: UInt64 = 1 << UInt64(index & 63)
        if words[index >> 6] & bit != 0 { return false }
        words[index >> 6] |= bit
        count += 1
        return true
    }
}
