/// What a reference in `event_ref` may point to (RULES.md section 8): the lines of the
/// three fact tables the rule reads, with the pair each event or volume row is about.
/// `JobOutput` refuses a row whose reference names no line, or a row of another pair.
struct TraceIndex {
    /// events.csv line → the row's pair.
    let eventPairs: [Int: PlacePair]
    /// port_volumes_by_year.csv line → the pair its reading names.
    let volumePairs: [Int: PlacePair]
    let tradeLines: Set<Int>

    init(events: [FactEvent], volumes: [FactVolume], readings: Readings, trade: CSVTable) {
        eventPairs = Dictionary(uniqueKeysWithValues: events.map { ($0.line, $0.pair) })
        var pairs: [Int: PlacePair] = [:]
        for volume in volumes { pairs[volume.line] = readings.volumePairs[volume.key] }
        volumePairs = pairs
        tradeLines = Set(trade.rows.map(\.line))
    }

    /// Nil when `ref` resolves for a row of `pair`; otherwise why not.
    func problem(_ ref: String, pair: PlacePair) -> String? {
        let parts = ref.split(separator: ":")
        guard parts.count == 2, let line = Int(parts[1]) else { return "'\(ref)' is not table:line" }
        switch parts[0] {
        case "events":
            guard let other = eventPairs[line] else { return "'\(ref)': no such line in facts/events.csv" }
            return other == pair ? nil : "'\(ref)' is about \(other), not \(pair)"
        case "ports":
            guard let other = volumePairs[line] else { return "'\(ref)': no such line in facts/port_volumes_by_year.csv" }
            return other == pair ? nil : "'\(ref)' is read as \(other), not \(pair)"
        case "trade":
            return tradeLines.contains(line) ? nil : "'\(ref)': no such line in facts/trade_by_year.csv"
        default:
            return "'\(ref)': unknown table '\(parts[0])'"
        }
    }
}
