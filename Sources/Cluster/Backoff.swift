/// Exponential reconnect backoff (e.g. 1 s, 2 s, 4 s … capped at 32 s), reset on success.
struct Backoff {
    let initial: Double
    let maximum: Double
    private var current: Double

    init(initial: Double, maximum: Double) {
        self.initial = initial
        self.maximum = maximum
        current = initial
    }

    mutating func next() -> Double {
        defer { current = min(maximum, current * 2) }
        return current
    }

    mutating func reset() { current = initial }
}
