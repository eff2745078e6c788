/// RULES.md sections 2–3: turns the read fact rows into ties (with start and end),
/// port openings (trade) and confirmations. Starts before the panel move to its
/// first year; an end comes from the reading's `end`, from the row that supersedes
/// the tie (the year before it), or is the panel's last year (the default lifetime).
struct TieRule {
    struct Result {
        var ties: [Tie] = []
        var ports: [PlacePair: PortOpening] = [:]
        var confirmations: [Confirmation] = []
    }

    let years: ClosedRange<Int>

    func read(events: [FactEvent], volumes: [FactVolume], readings: Readings) throws -> Result {
        var result = Result()
        for event in events {
            guard let reading = readings.events[event.key] else { continue }
            try add(reading, pair: event.pair, year: event.year, ref: event.ref, unverified: event.unverified, to: &result)
        }
        for volume in volumes {
            guard let reading = readings.volumes[volume.key], let pair = readings.volumePairs[volume.key] else { continue }
            try add(reading, pair: pair, year: volume.key.year, ref: volume.ref, unverified: volume.unverified, to: &result)
        }
        return result
    }

    private func add(
        _ reading: Reading, pair: PlacePair, year: Int, ref: String, unverified: Bool,
        to result: inout Result
    ) throws {
        func fail(_ message: String) -> BuildError { BuildError(file: reading.file, line: reading.line, message) }
        let first = years.lowerBound
        let last = years.upperBound
        switch reading.kind {
        case .note:
            return
        case .confirms:
            guard year <= last else { throw fail("confirms a tie in \(year), after the panel's last year \(last)") }
            result.confirmations.append(
                Confirmation(
                    pair: pair, layer: reading.layer, year: max(year, first),
                    ref: ref, file: reading.file, line: reading.line))
        case .opens, .act:
            let start = max(reading.start ?? year, first)
            guard start <= last else { throw fail("starts in \(start), after the panel's last year \(last)") }
            if reading.layer == LinkLayer.trade {
                if let open = result.ports[pair] {
                    throw fail("second opening of the port pair \(pair) (first: \(open.ref)); read it 'confirms'")
                }
                result.ports[pair] = PortOpening(start: start, ref: ref)
                return
            }
            var end = last
            if let stated = reading.end {
                end = min(stated, last)
            } else if let next = reading.supersededBy {
                end = next.year - 1
            }
            guard end >= start else {
                throw fail("the tie ends in \(end), before it starts in \(start)")
            }
            result.ties.append(
                Tie(
                    pair: pair, layer: reading.layer, start: start, end: end,
                    openEnded: reading.end == nil && reading.supersededBy == nil,
                    ref: ref, estimated: unverified, altLayer: reading.altLayer,
                    dateUncertainty: reading.dateUncertainty))
        }
    }
}
