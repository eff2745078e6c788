import CooperationNetwork
import Foundation
import Resampling

/// What a bootstrap replicate resamples and perturbs on one analysed panel,
/// worked out once per job so that a replicate only draws numbers and
/// multiplies weights (docs/METHODS.md §6).
///
/// With `bootstrap.measurement`, a spell whose start may be off by ±d years
/// can start up to d years earlier in a replicate: those years get link-years
/// of weight 0 in an extended panel (absent unless a replicate moves the
/// start there), so the per-year graphs of the hot path stay what they are and
/// only spells with a date uncertainty add rows.
struct ReplicateDesign: Sendable {
    /// The analysis replicates run on: the job's own, or the one of the extended panel.
    let analysis: PanelAnalysis
    /// For each link of `analysis.panel`: the index into the analysed panel's
    /// links (hence into a scenario's weights) it takes its weight from; a
    /// link-year added before a spell's start takes the spell's first year's.
    let source: [Int]
    /// Whether `analysis.panel` is the panel itself (`source` is the identity).
    let isIdentity: Bool
    /// Per link of `analysis.panel`: the unit the `spells` scheme weights — its tie
    /// spell, or, for a link whose spell index the panel does not hold (a panel
    /// built from another panel's links without its spells), a unit of its own.
    let unit: [Int]
    /// Number of units (spells plus links of their own).
    let unitCount: Int
    /// Per link of `analysis.panel`: σ of its log-normal measurement factor (empty without measurement).
    let sigma: [Double]
    /// The spells a replicate perturbs (an error or a date uncertainty), in spell order.
    let perturbed: [PerturbedSpell]
    /// `PerturbedSpell.links` index this array: link indices of `analysis.panel`.
    let spellLinks: [Int]
    let rho: Double

    /// One spell with a measurement error or an uncertain start.
    struct PerturbedSpell: Sendable {
        var start: Int
        var dateUncertainty: Int
        /// First year of its error path (its earliest possible start within the panel).
        var pathStart: Int
        var pathLength: Int
        var links: Range<Int>
        var hasError: Bool
    }

    /// σ of the log-normal factor exp(σe − σ²/2) whose mean is 1 and whose
    /// standard deviation is `relativeError`: σ² = ln(1 + rel²).
    static func logSigma(relativeError rel: Double) -> Double {
        rel > 0 ? log1p(rel * rel).squareRoot() : 0
    }

    /// The relative error of a link: its own `rel_error`, else its layer's
    /// default when positive, else `estimatedRelError` for an estimated row, else 0.
    static func relativeError(of link: Link, panel: Panel, spec: JobSpec) -> Double {
        let stated = spec.relativeError(of: link, in: panel)
        return stated == 0 && link.relError == nil && link.estimated ? spec.bootstrap.estimatedRelError : stated
    }

    init(analysis base: PanelAnalysis) {
        let panel = base.panel
        let spec = base.spec
        rho = spec.bootstrap.rho
        guard spec.bootstrap.measurement else {
            analysis = base
            source = Array(panel.links.indices)
            isIdentity = true
            (unit, unitCount) = Self.units(of: panel)
            sigma = []
            perturbed = []
            spellLinks = []
            return
        }
        // The first link-year of every spell (the weight an earlier start repeats).
        var firstLink = [Int](repeating: -1, count: panel.spells.count)
        for (i, link) in panel.links.enumerated() where link.spell >= 0 && link.spell < firstLink.count {
            if firstLink[link.spell] < 0 || panel.links[firstLink[link.spell]].year > link.year { firstLink[link.spell] = i }
        }
        var added: [Link] = []
        for (s, spell) in panel.spells.enumerated() where spell.dateUncertainty > 0 && firstLink[s] >= 0 {
            let first = panel.links[firstLink[s]]
            let earliest = max(panel.years.lowerBound, first.year - spell.dateUncertainty)
            for year in earliest..<first.year {
                var link = first
                link.year = year
                link.weight = 0
                added.append(link)
            }
        }
        let extended = added.isEmpty ? panel : panel.replacingLinks(panel.links + added)
        var source = Array(extended.links.indices)
        if !added.isEmpty {
            struct Key: Hashable { var year: Int, source: Int, target: Int, layer: Int, spell: Int }
            var queues: [Key: [Int]] = [:]
            for (i, l) in panel.links.enumerated() {
                queues[Key(year: l.year, source: l.source, target: l.target, layer: l.layer, spell: l.spell), default: []].append(i)
            }
            var taken: [Key: Int] = [:]
            for (i, l) in extended.links.enumerated() {
                let key = Key(year: l.year, source: l.source, target: l.target, layer: l.layer, spell: l.spell)
                let k = taken[key, default: 0]
                if let queue = queues[key], k < queue.count {
                    source[i] = queue[k]
                    taken[key] = k + 1
                } else {
                    source[i] = firstLink[l.spell]  // an added year before the spell's start
                }
            }
        }
        self.source = source
        isIdentity = added.isEmpty
        (unit, unitCount) = Self.units(of: extended)
        analysis = added.isEmpty ? base : PanelAnalysis(panel: extended, spec: spec)
        let sigma = source.map { Self.logSigma(relativeError: Self.relativeError(of: panel.links[$0], panel: panel, spec: spec)) }
        self.sigma = sigma
        // Links of each spell, then the spells that anything perturbs.
        var bySpell = [[Int]](repeating: [], count: panel.spells.count)
        for (i, l) in extended.links.enumerated() where l.spell >= 0 && l.spell < bySpell.count { bySpell[l.spell].append(i) }
        var perturbed: [PerturbedSpell] = []
        var spellLinks: [Int] = []
        for (s, spell) in panel.spells.enumerated() where firstLink[s] >= 0 {
            let hasError = bySpell[s].contains { sigma[$0] > 0 }
            guard hasError || spell.dateUncertainty > 0 else { continue }
            let start = panel.links[firstLink[s]].year
            let pathStart = max(panel.years.lowerBound, start - spell.dateUncertainty)
            let last = bySpell[s].map { extended.links[$0].year }.max() ?? start
            let from = spellLinks.count
            spellLinks += bySpell[s]
            perturbed.append(
                PerturbedSpell(
                    start: start, dateUncertainty: spell.dateUncertainty, pathStart: pathStart,
                    pathLength: last - pathStart + 1, links: from..<spellLinks.count,
                    hasError: hasError))
        }
        self.perturbed = perturbed
        self.spellLinks = spellLinks
    }

    static func units(of panel: Panel) -> ([Int], Int) {
        var count = panel.spells.count
        let unit = panel.links.map { link -> Int in
            if link.spell >= 0 && link.spell < panel.spells.count { return link.spell }
            count += 1
            return count - 1
        }
        return (unit, count)
    }

    /// Whether a replicate perturbs anything beyond its scheme's draws.
    var perturbs: Bool { !perturbed.isEmpty }

    /// Applies measurement errors and start-year jitter to `weights` (indexed
    /// like `analysis.panel.links`), drawing per perturbed spell, in spell
    /// order: the start shift (when uncertain), then the error path (when any).
    func perturb(_ weights: inout [Double], stream: inout RandomStream) {
        guard !perturbed.isEmpty else { return }
        let links = analysis.panel.links
        var path: [Double] = []
        for spell in perturbed {
            let shift = BootstrapDraws.yearShift(within: spell.dateUncertainty, stream: &stream)
            let start = spell.start + shift
            if spell.hasError {
                BootstrapDraws.autoregressivePath(count: spell.pathLength, rho: rho, into: &path, stream: &stream)
            }
            for k in spell.links {
                let i = spellLinks[k]
                let year = links[i].year
                if year < start {
                    weights[i] = 0
                } else if spell.hasError, sigma[i] > 0 {
                    let s = sigma[i]
                    weights[i] *= exp(s * path[year - spell.pathStart] - 0.5 * s * s)
                }
            }
        }
    }
}
