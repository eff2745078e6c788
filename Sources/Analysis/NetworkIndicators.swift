import CooperationNetwork

/// The yearly indicators whose series reveal stages (formulas in docs/METHODS.md).
package enum NetworkIndicators {
    /// One year's indicator row, in the column order of `IndicatorName.columns(layers:)`.
    /// The within-panel normalized columns (`norm_<layer>`, `scale_norm_<scale>`)
    /// need every year and are left 0 here; `PanelAnalysis` fills them.
    ///
    /// - Parameters:
    ///   - network: the year's merged network.
    ///   - betweenness: normalized betweenness of its nodes (networkx convention).
    ///   - weights: per-link weights indexed like `panel.links`.
    ///   - facts: the panel's per-link facts.
    package static func row(
        panel: Panel, network: YearNetwork, betweenness: [Double], weights: [Double],
        facts: LinkFacts
    ) -> [Double] {
        let range = panel.linkRange(in: network.year)
        let layerCount = panel.layers.count
        let scaleCount = Scale.allCases.count
        let n = network.nodeCount
        // Runs for every year of every replicate: the per-layer and per-scale sums and the
        // node strengths share one temporary block (no arrays: see docs/PERFORMANCE.md).
        let head = 2 * layerCount + scaleCount
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: head + n) { scratch in
            let byLayer = UnsafeMutableBufferPointer(rebasing: scratch[0..<layerCount])
            let newTies = UnsafeMutableBufferPointer(rebasing: scratch[layerCount..<(2 * layerCount)])
            let byScale = UnsafeMutableBufferPointer(rebasing: scratch[(2 * layerCount)..<head])
            var strength = UnsafeMutableBufferPointer(rebasing: scratch[head...])
            scratch.initialize(repeating: 0)
            var total = 0.0
            var crossBorder = 0.0
            for i in range where weights[i] > 0 {
                let w = weights[i]
                total += w
                byLayer[panel.links[i].layer] += w
                if facts.firstRowInYear[i], facts.previousInSpell[i] < 0 || weights[facts.previousInSpell[i]] <= 0 {
                    newTies[panel.links[i].layer] += 1
                }
                if facts.crossBorder[i] { crossBorder += w }
                byScale[facts.sourceScale[i]] += w
                byScale[facts.targetScale[i]] += w
            }
            var reachSum = 0.0
            var reachCount = 0
            for e in network.edges {
                strength[e.source] += e.weight
                strength[e.target] += e.weight
                if e.crossBorder {
                    reachSum += e.lengthKm
                    reachCount += 1
                }
            }
            // One ascending sort serves both (the same bits as `topShare` and `gini` alone).
            let strengthTotal = strength.reduce(0, +)
            strength.sort()
            let base = 6 + layerCount + scaleCount
            let columns = base + 3 * layerCount + scaleCount
            return [Double](unsafeUninitializedCapacity: columns) { row, count in
                row[0] = density(nodes: n, edges: network.edges.count, directed: network.directed)
                row[1] = freemanCentralization(betweenness)
                row[2] = topShare(ascending: UnsafeBufferPointer(strength), k: 3, total: strengthTotal)
                row[3] = gini(ascending: UnsafeBufferPointer(strength), total: strengthTotal)
                row[4] = total > 0 ? crossBorder / total : 0
                for (j, w) in byLayer.enumerated() { row[5 + j] = total > 0 ? w / total : 0 }
                for (j, w) in byScale.enumerated() { row[5 + layerCount + j] = total > 0 ? w / (2 * total) : 0 }
                row[base - 1] = reachCount > 0 ? reachSum / Double(reachCount) : 0
                for j in 0..<layerCount {
                    row[base + j] = byLayer[j]
                    row[base + layerCount + j] = 0  // norm_<layer>: filled over all years
                    row[base + 2 * layerCount + j] = newTies[j]
                }
                for j in 0..<scaleCount { row[base + 3 * layerCount + j] = 0 }  // scale_norm_<scale>: likewise
                count = columns
            }
        }
    }

    /// Density: undirected 2m/(n(n−1)), directed m/(n(n−1)); 0 when n < 2.
    package static func density(nodes n: Int, edges m: Int, directed: Bool) -> Double {
        guard n >= 2 else { return 0 }
        let pairs = Double(n) * Double(n - 1)
        return directed ? Double(m) / pairs : 2 * Double(m) / pairs
    }

    /// Freeman's betweenness centralization on networkx-normalized betweenness:
    /// Σ(b_max − b_i)/(n − 1), which is 1 for a star and 0 for a cycle; 0 when n < 3.
    package static func freemanCentralization(_ betweenness: [Double]) -> Double {
        let n = betweenness.count
        guard n >= 3, let top = betweenness.max() else { return 0 }
        var sum = 0.0
        for b in betweenness { sum += top - b }
        return sum / Double(n - 1)
    }

    /// Share of the total held by the `k` largest values (0 when the total is 0).
    package static func topShare(_ values: [Double], k: Int) -> Double {
        values.sorted().withUnsafeBufferPointer { topShare(ascending: $0, k: k, total: values.reduce(0, +)) }
    }

    /// `topShare` from the values sorted ascending and their total in their own order:
    /// the `k` largest are added largest first.
    static func topShare(ascending: UnsafeBufferPointer<Double>, k: Int, total: Double) -> Double {
        guard total > 0 else { return 0 }
        var top = 0.0
        for x in ascending.suffix(k).reversed() { top += x }
        return top / total
    }

    /// Gini coefficient Σ_i (2i − n − 1)·x_(i) / (n·Σx) over ascending x (i from 1);
    /// 0 for an empty or all-zero vector.
    package static func gini(_ values: [Double]) -> Double {
        values.sorted().withUnsafeBufferPointer { gini(ascending: $0, total: values.reduce(0, +)) }
    }

    /// `gini` from the values sorted ascending and their total in their own order.
    static func gini(ascending sorted: UnsafeBufferPointer<Double>, total: Double) -> Double {
        let n = sorted.count
        guard n > 0, total > 0 else { return 0 }
        var acc = 0.0
        for (i, x) in sorted.enumerated() { acc += Double(2 * (i + 1) - n - 1) * x }
        return acc / (Double(n) * total)
    }

    @inline(__always)
    static func scaleIndex(_ scale: Scale) -> Int {
        switch scale {
        case .national: return 0
        case .regional: return 1
        case .local: return 2
        }
    }
}
