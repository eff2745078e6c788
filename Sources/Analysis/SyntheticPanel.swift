import CooperationNetwork
import Foundation
import Resampling

/// A synthetic two-country panel with planted stages: the ground truth for
/// tests and scale experiments (`transborder generate`).
///
/// Places of country A ("CN") and B ("RU") are scattered on either side of a
/// border; each layer joins pairs at its own typical distance (trade: nearest
/// cross-border neighbours; industrial parks: medium; transport corridors:
/// long range; institutional: between regional capitals). Stage k (0-based)
/// activates layers 0…k (cumulatively, as in the reference case) and makes
/// layer k mod 4 dominant (weight × `dominance`), so both the layer mix and the spatial
/// reach shift at every planted start year. Every link weight is multiplied
/// by log-normal noise exp(S·Z), Z ~ N(0, 1).
package struct SyntheticPanel: Sendable {
    package var places: Int
    package var years: Int
    package var stages: Int
    package var noise: Double
    package var seed: UInt64
    /// Weight multiplier of the dominant layer of a stage. Large enough that,
    /// without noise, every planted shift outweighs the BIC penalty of one more
    /// stage on panels of ≥ 10 years per stage.
    package static let dominance = 8.0

    /// Year-to-year correlation of each tie's noise (AR(1): e_t = ρ·e_{t−1} + √(1−ρ²)·z_t,
    /// so every year's noise is still N(0, 1)); 0 = independent years, as real
    /// yearly series rarely are.
    package var noiseRho = 0.0
    /// What the planted stages change (see `Design`).
    package var design: Design = .dominance
    package var firstYear = 1990
    package var replicates = 100
    /// Add leave-one-region-out and leave-one-layer-out scenarios.
    package var scenarios = false

    package init(places: Int, years: Int, stages: Int, noise: Double, seed: UInt64) {
        self.places = places
        self.years = years
        self.stages = stages
        self.noise = noise
        self.seed = seed
    }

    /// First year of each planted stage (stage 1 starts at `firstYear`).
    package var stageStarts: [Int] {
        (0..<stages).map { firstYear + ($0 * years) / stages }
    }

    /// The planted structure.
    package enum Design: String, Sendable, CaseIterable {
        /// Stage k activates layers 0…k and makes layer k mod 4 dominant (weight × `dominance`);
        /// every layer in one unit, every link-year drawn anew.
        case dominance
        /// Stage k is the stage in which `emergingLayers[k]` appears (as tie spells that
        /// start in the stage's first year and last to the end of the panel) while the
        /// layers before it persist. Trade exists from the first year, as yearly values in
        /// billions of USD (about 10⁻³ per pair, three orders of magnitude below the
        /// other layers); parks and corridors are counts (1 per tie). No other layer
        /// is present: a second layer in force from the first year would make the
        /// first stage's emerging mode ambiguous, and the truth must not be.
        case emergence
    }

    /// The layer planted to emerge in each stage (`emergence` design), in stage order.
    package var emergingLayers: [Layer] {
        let order: [Layer] = [.trade, .industrialPark, .transportCorridor, .institutional]
        return (0..<stages).map { order[$0 % order.count] }
    }

    /// The unit of each layer in the `emergence` design.
    package static let emergenceUnits: [Layer: String] = [
        .trade: "billion USD", .industrialPark: "parks", .transportCorridor: "corridors", .institutional: "acts in force",
    ]

    /// The layers present in the panel (all four built-in ones, or the emerging ones).
    package var presentLayers: [Layer] { design == .emergence ? Array(Set(emergingLayers)) : Layer.builtIn }

    /// The generated panel, in memory.
    package func panel() -> Panel {
        var rng = RandomStream(seed: seed, scenario: 0xFEED, replicate: 0)
        let half = max(1, places / 2)
        let regionsPerCountry = max(1, min(4, places / 8))
        var placeList: [Place] = []
        for i in 0..<places {
            let inA = i < half
            let k = inA ? i : i - half
            let country = inA ? "CN" : "RU"
            let lat = ((42 + 10 * rng.nextUnit()) * 1e4).rounded() / 1e4
            let lon = ((inA ? 120 + 10 * rng.nextUnit() : 131 + 10 * rng.nextUnit()) * 1e4).rounded() / 1e4
            let scale: Scale = k < regionsPerCountry ? .national : (k < 3 * regionsPerCountry ? .regional : .local)
            placeList.append(
                Place(
                    id: "p\(i)", name: "Place \(i)", country: country, kind: "city", scale: scale,
                    region: "\(country)-R\(k % regionsPerCountry + 1)", latitude: lat, longitude: lon))
        }
        let a = Array(0..<half)
        let b = Array(half..<places)
        func distance(_ i: Int, _ j: Int) -> Double {
            GreatCircle.distanceKm(
                lat1: placeList[i].latitude, lon1: placeList[i].longitude,
                lat2: placeList[j].latitude, lon2: placeList[j].longitude)
        }
        // Pairs per layer: each place of A joins one place of B chosen among 8 random
        // candidates by the layer's distance preference; institutional joins capitals.
        var pairs: [[(Int, Int)]] = Array(repeating: [], count: 4)
        if !b.isEmpty {
            for i in a {
                let candidates = (0..<8).map { _ in b[rng.nextIndex(below: b.count)] }
                let byDistance = candidates.sorted { distance(i, $0) < distance(i, $1) }
                pairs[0].append((i, byDistance[0]))  // trade: nearest
                pairs[1].append((i, byDistance[byDistance.count / 2]))  // parks: median
                pairs[2].append((i, byDistance[byDistance.count - 1]))  // corridors: farthest
            }
            let capitalsA = a.filter { placeList[$0].scale == .national }
            let capitalsB = b.filter { placeList[$0].scale == .national }
            for i in capitalsA { for j in capitalsB { pairs[3].append((i, j)) } }
        }
        // Layers in name order, as a loaded panel has them.
        let layers = presentLayers.sorted()
        let layerIndex = Layer.builtIn.map { l in layers.firstIndex(of: l) ?? 0 }
        if design == .emergence {
            return emergencePanel(places: placeList, pairs: pairs, layers: layers, layerIndex: layerIndex, rng: &rng)
        }
        var links: [Link] = []
        let starts = stageStarts
        var state = pairs.map { [Double?](repeating: nil, count: $0.count) }  // each tie's last noise draw
        for t in 0..<years {
            let year = firstYear + t
            let stage = (starts.lastIndex { $0 <= year }) ?? 0
            for (l, layerPairs) in pairs.enumerated() where l <= stage {
                let factor = l == stage % 4 ? SyntheticPanel.dominance : 1.0
                for (k, (i, j)) in layerPairs.enumerated() {
                    var w = factor
                    if noise > 0 {
                        let e = correlated(gaussian(&rng), after: state[l][k])
                        state[l][k] = e
                        w *= exp(noise * e)
                    }
                    links.append(Link(source: i, target: j, year: year, layer: layerIndex[l], weight: w))
                }
            }
        }
        return Panel(places: placeList, layers: layers, links: links, years: firstYear...(firstYear + years - 1))
    }

    /// The `emergence` design (see `Design`): spells for parks, corridors and
    /// acts (one noise draw per spell), yearly trade values (noise per year).
    private func emergencePanel(
        places placeList: [Place], pairs: [[(Int, Int)]], layers: [Layer], layerIndex: [Int],
        rng: inout RandomStream
    ) -> Panel {
        let lastYear = firstYear + years - 1
        let starts = stageStarts
        var links: [Link] = []
        var spells: [TieSpell] = []
        func noisy(_ w: Double, _ rng: inout RandomStream) -> Double { noise > 0 ? w * exp(noise * gaussian(&rng)) : w }
        let emerging = emergingLayers
        for (stage, layer) in emerging.enumerated() {
            guard let l = Layer.builtIn.firstIndex(of: layer) else { continue }
            let start = starts[stage]
            for (i, j) in pairs[l] {
                if layer == .trade {
                    var previous: Double? = nil
                    for year in start...lastYear {
                        var w = 0.002
                        if noise > 0 {
                            let e = correlated(gaussian(&rng), after: previous)
                            previous = e
                            w *= exp(noise * e)
                        }
                        links.append(
                            Link(
                                source: i, target: j, year: year, layer: layerIndex[l],
                                weight: w, estimated: false))
                    }
                } else {
                    let w = noisy(1, &rng)
                    for year in start...lastYear {
                        links.append(
                            Link(
                                source: i, target: j, year: year, layer: layerIndex[l], weight: w,
                                spell: spells.count))
                    }
                    spells.append(TieSpell(source: i, target: j, layer: layerIndex[l], start: start, end: lastYear))
                }
            }
        }
        return Panel(places: placeList, layers: layers, links: links, years: firstYear...lastYear, spells: spells)
    }

    /// The job spec written into job.yaml.
    package func spec() -> JobSpec {
        var spec = JobSpec(
            name: "synthetic-\(places)x\(years)-k\(stages)-s\(seed)", firstYear: firstYear,
            lastYear: firstYear + years - 1)
        spec.stages.maxBreaks = max(stages + 2, 5)
        spec.stages.minSize = minSize
        spec.bootstrap.replicates = replicates
        spec.bootstrap.seed = seed
        if design == .emergence {
            for layer in presentLayers { spec.layers[layer.rawValue] = LayerSettings(unit: Self.emergenceUnits[layer] ?? "") }
        }
        if scenarios {
            spec.sensitivity.leaveOneRegionOut = []
            spec.sensitivity.leaveOneLayerOut = []
        }
        return spec
    }

    package var minSize: Int { max(2, min(3, years / (2 * max(stages, 1)))) }

    /// The AR(1) noise of a tie's next year from a fresh N(0, 1) draw (the draw itself in the first year).
    private func correlated(_ z: Double, after previous: Double?) -> Double {
        guard let previous, noiseRho != 0 else { return z }
        return noiseRho * previous + (1 - noiseRho * noiseRho).squareRoot() * z
    }

    private func gaussian(_ rng: inout RandomStream) -> Double {
        // Box–Muller; 1 − u avoids log(0).
        let u1 = 1 - rng.nextUnit()
        let u2 = rng.nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
