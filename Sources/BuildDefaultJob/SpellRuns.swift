/// RULES.md section 3, "several things on one pair and layer": the format allows no
/// overlapping spells of one pair and layer, so the years of each pair and layer are
/// cut into maximal runs with the same set of active ties; each run is one spell row
/// whose weight is the number of ties active.
struct SpellRuns {
    /// One spell row before formatting, with what the summary reports about it.
    struct Run {
        let key: LayerPair
        let start: Int
        let end: Int
        let ties: [Tie]
        /// Ties disagree on alt_layer, so the row carries none (RULES.md section 6).
        let mixedAlternative: Bool
        /// No tie starts in the run's first year: it begins because another tie ended.
        let startsWithoutNewTie: Bool
    }

    let runs: [Run]

    init(_ ties: [Tie], years: ClosedRange<Int>) {
        let grouped = Dictionary(grouping: ties) { LayerPair(layer: $0.layer, pair: $0.pair) }
        var runs: [Run] = []
        for key in grouped.keys.sorted() {
            let group = grouped[key] ?? []
            var current: [Tie] = []
            var currentStart = years.lowerBound
            func close(at end: Int) {
                guard !current.isEmpty else { return }
                let alts = Set(current.map(\.altLayer))
                runs.append(
                    Run(
                        key: key, start: currentStart, end: end, ties: current,
                        mixedAlternative: alts.count > 1,
                        startsWithoutNewTie: !current.contains { $0.start == currentStart }))
            }
            for year in years {
                let active = group.filter { $0.isActive(in: year) }
                if active.map(\.ref) != current.map(\.ref) {
                    close(at: year - 1)
                    current = active
                    currentStart = year
                }
            }
            close(at: years.upperBound)
        }
        self.runs = runs
    }

    /// The spell rows, refs = the ties' rows (confirmations are attached later).
    func links(last: Int) -> [JobLink] {
        runs.map { run in
            let alts = Set(run.ties.map(\.altLayer))
            let alt = alts.count == 1 ? (alts.first ?? "") : ""
            let openEnded = run.end == last && run.ties.allSatisfy(\.openEnded)
            var basis = LinkLayer.count(run.ties.count, on: run.key.layer)
            if run.mixedAlternative { basis += "; alt_layer not carried (mixed reading)" }
            let uncertainty = run.ties.filter { $0.start == run.start }.map(\.dateUncertainty).max() ?? 0
            return JobLink(
                pair: run.key.pair, layer: run.key.layer,
                time: .spell(start: run.start, end: openEnded ? nil : run.end),
                weight: Double(run.ties.count),
                estimated: run.ties.contains(where: \.estimated),
                relError: nil, dateUncertainty: uncertainty, altLayer: alt,
                basis: basis, refs: run.ties.map(\.ref))
        }
    }
}
