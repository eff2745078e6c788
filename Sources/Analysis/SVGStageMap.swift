import CooperationNetwork
import Foundation

/// A small map of one stage's network.
///
/// Projection: equirectangular with its standard parallel at the middle
/// latitude φ₀ of the places' extent — x = (λ − λ₀)·cos φ₀, y = −φ in degrees,
/// one scale for both axes — fitted with a margin into the frame. Every stage
/// map of a report shares the projection and extent, so they compare at a
/// glance. Distances are true along φ₀ and the meridians, enough for a
/// regional sketch (no base map: the report needs no network access).
///
/// Places are circles whose area is proportional to their mean PageRank over
/// the stage (radius ∝ √PageRank, scaled to the largest value of any stage);
/// places inactive during the whole stage are small grey rings. Links are
/// lines coloured by layer, their width ∝ √(mean yearly weight) relative to
/// the layer's largest mean over all stages (layers have different units).
struct SVGStageMap: Sendable {
    struct Frame: Sendable {
        var west: Double, south: Double, east: Double, north: Double
        var cosPhi: Double

        /// The extent of `places` with a margin of 8% (at least 0.5°).
        init(places: [Place]) {
            var w = places.map(\.longitude).min() ?? 0, e = places.map(\.longitude).max() ?? 1
            var s = places.map(\.latitude).min() ?? 0, n = places.map(\.latitude).max() ?? 1
            let padLon = max(0.5, (e - w) * 0.08), padLat = max(0.5, (n - s) * 0.08)
            w -= padLon; e += padLon; s -= padLat; n += padLat
            self.west = w; self.east = e; self.south = max(-90, s); self.north = min(90, n)
            self.cosPhi = max(0.05, cos((self.south + self.north) / 2 * Double.pi / 180))
        }
    }

    var network: StageNetwork
    var panel: Panel
    var frame: Frame
    var palette: ReportPalette
    /// Largest mean PageRank of any place in any stage (circle scale).
    var maxPageRank: Double
    /// Largest mean link weight of each layer over all stages (line width scale).
    var maxWeightByLayer: [Double]
    /// Number of place names tried on the map (the top places by mean PageRank; names that would
    /// overlap an earlier one are left out).
    var labelCount = 4

    static let width = 360.0, maxHeight = 330.0, pad = 6.0

    /// Pixel size of the frame: width fixed, height following the projected aspect ratio.
    var size: (width: Double, height: Double, scale: Double) {
        let spanX = (frame.east - frame.west) * frame.cosPhi, spanY = frame.north - frame.south
        let scale = min((Self.width - 2 * Self.pad) / spanX, (Self.maxHeight - 2 * Self.pad) / spanY)
        return (Self.width, spanY * scale + 2 * Self.pad, scale)
    }

    func project(longitude: Double, latitude: Double) -> (x: Double, y: Double) {
        let s = size
        let usedWidth = (frame.east - frame.west) * frame.cosPhi * s.scale
        let offset = (s.width - usedWidth) / 2
        return (offset + (longitude - frame.west) * frame.cosPhi * s.scale, Self.pad + (frame.north - latitude) * s.scale)
    }

    func svg() -> String {
        let s = size
        func fx(_ v: Double) -> String { HTMLText.fixed(v, digits: 1) }
        var m = HTMLText()
        let stage = network.stage
        m.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(fx(s.width)) \(fx(s.height))"),
                       ("class", "map"), ("role", "img")])
        m.element("title", text: "Network of stage \(stage.number): \(stage.name)")
        m.empty("rect", [("x", "0"), ("y", "0"), ("width", fx(s.width)), ("height", fx(s.height)), ("fill", "#F4F8FB"),
                         ("stroke", "#999")])
        // Graticule every 5° (2° on small extents), labelled on the left and bottom edges.
        let step = (frame.north - frame.south) > 12 || (frame.east - frame.west) > 12 ? 5.0 : 2.0
        var lon = (frame.west / step).rounded(.up) * step
        while lon <= frame.east {
            let a = project(longitude: lon, latitude: frame.north), b = project(longitude: lon, latitude: frame.south)
            m.empty("line", [("x1", fx(a.x)), ("x2", fx(b.x)), ("y1", fx(a.y)), ("y2", fx(b.y)), ("stroke", "#C9D6E0"),
                             ("stroke-width", "0.7")])
            m.element("text", [("x", fx(b.x + 2)), ("y", fx(b.y - 3)), ("font-size", "9"), ("fill", "#6A7F90")],
                      text: Self.degrees(lon, positive: "E", negative: "W"))
            lon += step
        }
        var lat = (frame.south / step).rounded(.up) * step
        while lat <= frame.north {
            let a = project(longitude: frame.west, latitude: lat), b = project(longitude: frame.east, latitude: lat)
            m.empty("line", [("x1", fx(a.x)), ("x2", fx(b.x)), ("y1", fx(a.y)), ("y2", fx(b.y)), ("stroke", "#C9D6E0"),
                             ("stroke-width", "0.7")])
            m.element("text", [("x", fx(a.x + 2)), ("y", fx(a.y - 2)), ("font-size", "9"), ("fill", "#6A7F90")],
                      text: Self.degrees(lat, positive: "N", negative: "S"))
            lat += step
        }
        // Links, heaviest last so they stay visible.
        let links = network.links.sorted { a, b in
            let wa = relativeWeight(a), wb = relativeWeight(b)
            return wa != wb ? wa < wb : (a.layer, a.source, a.target) < (b.layer, b.source, b.target)
        }
        m.open("g", [("class", "links"), ("stroke-linecap", "round")])
        for link in links {
            let a = panel.places[link.source], b = panel.places[link.target]
            let pa = project(longitude: a.longitude, latitude: a.latitude)
            let pb = project(longitude: b.longitude, latitude: b.latitude)
            m.open("line", [("x1", fx(pa.x)), ("y1", fx(pa.y)), ("x2", fx(pb.x)), ("y2", fx(pb.y)),
                            ("stroke", palette.layer(link.layer)), ("stroke-opacity", "0.8"),
                            ("stroke-width", HTMLText.fixed(0.8 + 3.6 * relativeWeight(link).squareRoot(), digits: 2))])
            m.element("title", text: "\(a.name) – \(b.name) · \(panel.layers[link.layer].rawValue) · mean weight "
                      + HTMLText.readable(link.weightMean) + " · \(link.yearsActive) of \(network.yearCount) years")
            m.close("line")
        }
        m.close("g")
        // Places: inactive first, then active ones from the largest circle down.
        let pagerank = network.meanCentrality["pagerank"] ?? []
        let order = panel.places.indices.sorted { a, b in
            let ra = radius(a), rb = radius(b)
            let activeA = network.yearsActive[a] > 0, activeB = network.yearsActive[b] > 0
            if activeA != activeB { return !activeA }
            return ra != rb ? ra > rb : a < b
        }
        m.open("g", [("class", "places")])
        for p in order {
            let place = panel.places[p]
            let c = project(longitude: place.longitude, latitude: place.latitude)
            let active = network.yearsActive[p] > 0
            m.open("circle", [("cx", fx(c.x)), ("cy", fx(c.y)), ("r", HTMLText.fixed(radius(p), digits: 2)),
                              ("fill", active ? palette.country(place.country) : "none"),
                              ("stroke", active ? "#000" : "#AAAAAA"), ("stroke-width", active ? "0.8" : "0.6")])
            let value = p < pagerank.count ? HTMLText.readable(pagerank[p]) : "0"
            m.element("title", text: active
                      ? "\(place.name) (\(place.country), \(place.scale.rawValue)) · mean PageRank \(value) · active \(network.yearsActive[p]) of \(network.yearCount) years"
                      : "\(place.name) (\(place.country)) · not active in this stage")
            m.close("circle")
        }
        m.close("g")
        // Names of the top places by mean PageRank.
        let top = panel.places.indices.filter { p in p < pagerank.count && pagerank[p] > 0 }
            .sorted { pagerank[$0] != pagerank[$1] ? pagerank[$0] > pagerank[$1] : panel.places[$0].id < panel.places[$1].id }
            .prefix(labelCount)
        m.open("g", [("class", "labels"), ("font-size", "10"), ("paint-order", "stroke"), ("stroke", "#fff"),
                     ("stroke-width", "3"), ("stroke-linejoin", "round")])
        // Each name goes right of its circle, else left, else is left out, so that names never overlap
        // (width estimated at 5.6 px per character of 10 px text).
        var placed: [(x0: Double, x1: Double, y0: Double, y1: Double)] = []
        for p in top {
            let place = panel.places[p]
            let c = project(longitude: place.longitude, latitude: place.latitude)
            let r = radius(p), width = 5.6 * Double(place.name.count)
            let right = (x0: c.x + r + 2, x1: c.x + r + 2 + width, y0: c.y - 6, y1: c.y + 6)
            let left = (x0: c.x - r - 2 - width, x1: c.x - r - 2, y0: c.y - 6, y1: c.y + 6)
            let free = { (box: (x0: Double, x1: Double, y0: Double, y1: Double)) -> Bool in
                box.x0 >= 0 && box.x1 <= s.width
                    && !placed.contains { $0.x0 < box.x1 && box.x0 < $0.x1 && $0.y0 < box.y1 && box.y0 < $0.y1 }
            }
            if free(right) {
                placed.append(right)
                m.element("text", [("x", fx(right.x0)), ("y", fx(c.y + 3.5))], text: place.name)
            } else if free(left) {
                placed.append(left)
                m.element("text", [("x", fx(left.x1)), ("y", fx(c.y + 3.5)), ("text-anchor", "end")], text: place.name)
            }
        }
        m.close("g")
        m.close("svg")
        return m.text
    }

    /// Circle radius in pixels: area ∝ mean PageRank; inactive places 1.6 px.
    func radius(_ p: Int) -> Double {
        guard network.yearsActive[p] > 0, maxPageRank > 0 else { return 1.6 }
        return 2 + 10 * (network.mean("pagerank", place: p) / maxPageRank).squareRoot()
    }

    /// Mean weight relative to the layer's largest mean over all stages, in [0, 1].
    func relativeWeight(_ link: StageNetwork.MergedLink) -> Double {
        let top = link.layer < maxWeightByLayer.count ? maxWeightByLayer[link.layer] : 0
        return top > 0 ? min(1, link.weightMean / top) : 0
    }

    static func degrees(_ value: Double, positive: String, negative: String) -> String {
        let rounded = HTMLText.fixed(abs(value), digits: 0)
        return value == 0 ? "0°" : rounded + "°" + (value > 0 ? positive : negative)
    }
}
