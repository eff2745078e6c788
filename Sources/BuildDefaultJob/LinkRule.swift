/// The rule of RULES.md section 2: read events and the province's trade series
/// into yearly weighted links on four layers.
///
/// - trade: a port pair (an `opens` row on the trade layer) carries H(y) / n(y)
///   billion USD from the year of its first `opens` row, n(y) = open port pairs;
/// - industrial_park, transport_corridor: 1.0 per `opens` row from its year on,
///   rows on one pair adding up;
/// - institutional: 1.0 per `act` row (whatever its tagged layer) from its year on.
///
/// Events dated before the first year take effect in the first year; no link ends.
struct LinkRule {
    /// Weight of one opened park, one opened facility or one act in force, on the
    /// scale of 1 billion USD a year of port-pair trade (a modelling choice).
    static let constantIntensity = 1.0

    private struct Contribution {
        let pair: PlacePair
        let layer: String
        let start: Int
        let line: Int
    }

    let years: ClosedRange<Int>

    func links(events: [FactEvent], readings: [FactEvent.Key: EventReading],
               trade: ProvinceTradeSeries, eventsFile: String) throws -> [JobLink] {
        var portPairs: [PlacePair: (start: Int, line: Int)] = [:]
        var contributions: [Contribution] = []
        for event in events {
            if event.pair.isSelfLoop {
                throw BuildError(file: eventsFile, line: event.line, "from_id equals to_id: a link cannot join a place to itself")
            }
            let start = max(event.year, years.lowerBound)
            switch readings[event.key] {
            case .opens?:
                switch event.layer {
                case LinkLayer.trade:
                    if let open = portPairs[event.pair], open.start <= start { continue }
                    portPairs[event.pair] = (start, event.line)
                case LinkLayer.industrialPark, LinkLayer.transportCorridor:
                    contributions.append(Contribution(pair: event.pair, layer: event.layer, start: start, line: event.line))
                default:
                    throw BuildError(file: eventsFile, line: event.line, "layer '\(event.layer)' cannot be opened by the rule")
                }
            case .act?:
                contributions.append(Contribution(pair: event.pair, layer: LinkLayer.institutional,
                                                  start: start, line: event.line))
            case .note?, nil:
                continue
            }
        }
        return try tradeLinks(portPairs, trade) + constantLinks(contributions)
    }

    private func tradeLinks(_ portPairs: [PlacePair: (start: Int, line: Int)],
                            _ trade: ProvinceTradeSeries) throws -> [JobLink] {
        var links: [JobLink] = []
        let pairs = portPairs.keys.sorted()
        for year in years {
            let open = pairs.filter { (portPairs[$0]?.start ?? Int.max) <= year }
            guard !open.isEmpty else { continue }
            guard let total = trade.byYear[year] else {
                throw BuildError(file: "facts/trade_by_year.csv", "no province trade value for \(year)")
            }
            let weight = total.value / Double(open.count)
            for pair in open {
                let opening = portPairs[pair].map { ["events:\($0.line)"] } ?? []
                links.append(JobLink(pair: pair, year: year, layer: LinkLayer.trade, weight: weight,
                                     estimated: total.estimated,
                                     basis: total.basis,
                                     eventRef: (opening + total.refs).joined(separator: ";")))
            }
        }
        return links
    }

    private func constantLinks(_ contributions: [Contribution]) -> [JobLink] {
        let grouped = Dictionary(grouping: contributions) { LayerPair(layer: $0.layer, pair: $0.pair) }
        var links: [JobLink] = []
        for key in grouped.keys.sorted() {
            let rows = (grouped[key] ?? []).sorted { ($0.start, $0.line) < ($1.start, $1.line) }
            for year in years {
                let active = rows.filter { $0.start <= year }
                guard !active.isEmpty else { continue }
                links.append(JobLink(pair: key.pair, year: year, layer: key.layer,
                                     weight: Double(active.count) * Self.constantIntensity,
                                     estimated: false,
                                     basis: "constant \(Self.unitName(key.layer)); \(active.count) in force",
                                     eventRef: active.map { "events:\($0.line)" }.joined(separator: ";")))
            }
        }
        return links
    }

    private static func unitName(_ layer: String) -> String {
        switch layer {
        case LinkLayer.industrialPark: return "1.0 per park"
        case LinkLayer.transportCorridor: return "1.0 per facility"
        default: return "1.0 per act"
        }
    }
}
