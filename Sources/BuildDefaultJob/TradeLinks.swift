/// RULES.md section 4: each open port pair carries H(y) / n(y) billion USD in year y,
/// n(y) = the number of port pairs open that year; one link-year row per pair and year.
enum TradeLinks {
    static func links(
        _ ports: [PlacePair: PortOpening], _ trade: ProvinceTradeSeries,
        years: ClosedRange<Int>, file: String
    ) throws -> [JobLink] {
        var links: [JobLink] = []
        let pairs = ports.keys.sorted()
        for year in years {
            let open = pairs.filter { (ports[$0]?.start ?? Int.max) <= year }
            guard !open.isEmpty else { continue }
            guard let total = trade.byYear[year] else {
                throw BuildError(file: file, "no province trade value for \(year)")
            }
            let basis = open.count == 1 ? total.basis : "\(total.basis); split over \(open.count) port pairs"
            for pair in open {
                let opening = ports[pair].map { [$0.ref] } ?? []
                links.append(
                    JobLink(
                        pair: pair, layer: LinkLayer.trade, time: .year(year),
                        weight: total.value / Double(open.count), estimated: total.estimated,
                        relError: total.relError, dateUncertainty: nil, altLayer: "",
                        basis: basis, refs: opening + total.refs))
            }
        }
        return links
    }

    /// Attaches each confirmation to the row of its pair and layer that covers its year.
    /// A confirmation with no such row is an error: the reading says a tie exists that the
    /// rule did not make.
    static func attach(_ confirmations: [Confirmation], to links: inout [JobLink], last: Int) throws {
        var index: [LayerPair: [Int]] = [:]
        for (i, link) in links.enumerated() { index[LayerPair(layer: link.layer, pair: link.pair), default: []].append(i) }
        for confirmation in confirmations {
            let candidates = index[LayerPair(layer: confirmation.layer, pair: confirmation.pair)] ?? []
            guard let i = candidates.first(where: { links[$0].covers(confirmation.year, last: last) }) else {
                throw BuildError(
                    file: confirmation.file, line: confirmation.line,
                    "confirms a \(confirmation.layer) tie of \(confirmation.pair) in \(confirmation.year), but the rule made none")
            }
            if !links[i].refs.contains(confirmation.ref) { links[i].refs.append(confirmation.ref) }
        }
    }
}
