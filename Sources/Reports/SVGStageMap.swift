import Centrality
import CooperationNetwork
import Foundation

/// A small map of one stage's network.
///
/// Projection: equirectangular with its standard parallel at the middle
/// latitude φ₀ of the places' extent — x = (λ − λ₀)·cos φ₀, y = −φ in degrees,
/// one scale for both axes — fitted with a margin into the frame. Every stage
/// map of a report shares the projection and extent, so they compare at a
/// glance. Distances are true along φ₀ and the meridians, enough for a
/// regional sketch. Under the network: land, coastlines and land borders from
/// Natural Earth 1:50m, embedded in the binary (`SVGBasemap`; the report needs
/// no network access). Place names are laid out by `MapLabelLayout`.
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
            var w = places.map(\.longitude).min() ?? 0
            var e = places.map(\.longitude).max() ?? 1
            var s = places.map(\.latitude).min() ?? 0
            var n = places.map(\.latitude).max() ?? 1
            let padLon = max(0.5, (e - w) * 0.08)
            let padLat = max(0.5, (n - s) * 0.08)
            w -= padLon
            e += padLon
            s -= padLat
            n += padLat
            self.west = w
            self.east = e
            self.south = max(-90, s)
            self.north = min(90, n)
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
    /// Number of place names tried on the map (the top places by mean PageRank); names that fit
    /// nowhere become numbers listed in the map's key (`labelLayout().key`).
    var labelCount = 8

    /// The basemap's paths when already drawn for another map of the same frame (every
    /// stage map of a report shares it); drawn by `svg()` otherwise.
    var basemapPaths: SVGBasemap.Paths?

    static let width = 360.0, maxHeight = 330.0, pad = 6.0

    /// Pixel size of the frame: width fixed, height following the projected aspect ratio.
    var size: (width: Double, height: Double, scale: Double) {
        let spanX = (frame.east - frame.west) * frame.cosPhi
        let spanY = frame.north - frame.south
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
        m.open(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(fx(s.width)) \(fx(s.height))"),
                ("class", "map"), ("role", "img"),
            ])
        m.element("title", text: "Network of stage \(stage.number): \(stage.name)")
        m.empty("rect", [("x", "0"), ("y", "0"), ("width", fx(s.width)), ("height", fx(s.height)), ("fill", Self.sea)])
        let base = basemapPaths ?? basemap.paths()
        if !base.land.isEmpty {
            m.empty("path", [("class", "land"), ("d", base.land), ("fill", Self.land), ("fill-rule", "evenodd")])
        }
        // Graticule every 5° (2° on small extents), labelled on the left and bottom edges.
        for line in graticule() {
            m.empty(
                "line",
                [
                    ("x1", fx(line.from.x)), ("x2", fx(line.to.x)), ("y1", fx(line.from.y)), ("y2", fx(line.to.y)),
                    ("stroke", "#C9D6E0"), ("stroke-width", "0.6"),
                ])
            m.element(
                "text", [("x", fx(line.label.x0)), ("y", fx(line.label.y1 - 1)), ("font-size", "9"), ("fill", "#6A7F90")],
                text: line.text)
        }
        if !base.coast.isEmpty {
            m.empty(
                "path",
                [
                    ("class", "coast"), ("d", base.coast), ("fill", "none"), ("stroke", "#7FA3BF"),
                    ("stroke-width", "0.7"), ("stroke-linejoin", "round"),
                ])
        }
        if !base.border.isEmpty {
            m.empty(
                "path",
                [
                    ("class", "border"), ("d", base.border), ("fill", "none"), ("stroke", "#6B5E52"),
                    ("stroke-width", "1.1"), ("stroke-dasharray", "4 2"), ("stroke-linejoin", "round"),
                ])
        }
        // Links, heaviest last so they stay visible.
        let links = network.links.sorted { a, b in
            let wa = relativeWeight(a)
            let wb = relativeWeight(b)
            return wa != wb ? wa < wb : (a.layer, a.source, a.target) < (b.layer, b.source, b.target)
        }
        m.open("g", [("class", "links"), ("stroke-linecap", "round")])
        for link in links {
            let a = panel.places[link.source]
            let b = panel.places[link.target]
            let pa = project(longitude: a.longitude, latitude: a.latitude)
            let pb = project(longitude: b.longitude, latitude: b.latitude)
            m.open(
                "line",
                [
                    ("x1", fx(pa.x)), ("y1", fx(pa.y)), ("x2", fx(pb.x)), ("y2", fx(pb.y)),
                    ("stroke", palette.layer(link.layer)), ("stroke-opacity", "0.8"),
                    ("stroke-width", HTMLText.fixed(0.8 + 3.6 * relativeWeight(link).squareRoot(), digits: 2)),
                ])
            m.element(
                "title",
                text: "\(a.name) – \(b.name) · \(panel.layers[link.layer].rawValue) · mean weight "
                    + HTMLText.readable(link.weightMean) + " · \(link.yearsActive) of \(network.yearCount) years")
            m.close("line")
        }
        m.close("g")
        // Places: inactive first, then active ones from the largest circle down.
        let pagerank = network.meanCentrality[.pagerank] ?? []
        let order = panel.places.indices.sorted { a, b in
            let ra = radius(a)
            let rb = radius(b)
            let activeA = network.yearsActive[a] > 0
            let activeB = network.yearsActive[b] > 0
            if activeA != activeB { return !activeA }
            return ra != rb ? ra > rb : a < b
        }
        m.open("g", [("class", "places")])
        for p in order {
            let place = panel.places[p]
            let c = project(longitude: place.longitude, latitude: place.latitude)
            let active = network.yearsActive[p] > 0
            m.open(
                "circle",
                [
                    ("cx", fx(c.x)), ("cy", fx(c.y)), ("r", HTMLText.fixed(radius(p), digits: 2)),
                    ("fill", active ? palette.country(place.country) : "none"),
                    ("stroke", active ? "#000" : "#AAAAAA"), ("stroke-width", active ? "0.8" : "0.6"),
                ])
            let value = p < pagerank.count ? HTMLText.readable(pagerank[p]) : "0"
            m.element(
                "title",
                text: active
                    ? "\(place.name) (\(place.country), \(place.scale.rawValue)) · mean PageRank \(value) · active \(network.yearsActive[p]) of \(network.yearCount) years"
                    : "\(place.name) (\(place.country)) · not active in this stage")
            m.close("circle")
        }
        m.close("g")
        // Names of the top places by mean PageRank, placed clear of circles and of each other.
        m.open(
            "g",
            [
                ("class", "labels"), ("font-size", fx(MapLabelLayout.fontSize)),
                ("font-family", "Arial, Helvetica, 'DejaVu Sans', sans-serif"), ("paint-order", "stroke"),
                ("stroke", "#fff"), ("stroke-width", "3"), ("stroke-linejoin", "round"),
            ])
        for label in labelLayout().labels {
            m.element(
                "text",
                [("x", fx(label.x)), ("y", fx(label.baseline))]
                    + (label.number != nil ? [("font-weight", "bold")] : []), text: label.text)
        }
        m.close("g")
        m.empty(
            "rect",
            [
                ("x", "0.5"), ("y", "0.5"), ("width", fx(s.width - 1)), ("height", fx(s.height - 1)),
                ("fill", "none"), ("stroke", "#999"),
            ])
        m.close("svg")
        return m.text
    }

    static let sea = "#E3EEF6", land = "#FBF9F3"

    /// The land, coasts and borders of the visible extent.
    var basemap: SVGBasemap {
        let s = size
        let usedWidth = (frame.east - frame.west) * frame.cosPhi * s.scale
        let offset = (s.width - usedWidth) / 2
        let west = frame.west - offset / (frame.cosPhi * s.scale)
        let east = frame.east + offset / (frame.cosPhi * s.scale)
        let north = frame.north + Self.pad / s.scale
        let south = frame.south - Self.pad / s.scale
        let projection = self
        return SVGBasemap(
            extent: NaturalEarth.Bounds(west: west, south: south, east: east, north: north),
            project: { projection.project(longitude: $0, latitude: $1) })
    }

    /// Graticule lines with their label text and the label's box.
    func graticule() -> [(from: (x: Double, y: Double), to: (x: Double, y: Double), text: String, label: MapLabelLayout.Box)] {
        let step = (frame.north - frame.south) > 12 || (frame.east - frame.west) > 12 ? 5.0 : 2.0
        var lines: [(from: (x: Double, y: Double), to: (x: Double, y: Double), text: String, label: MapLabelLayout.Box)] = []
        var lon = (frame.west / step).rounded(.up) * step
        while lon <= frame.east {
            let a = project(longitude: lon, latitude: frame.north)
            let b = project(longitude: lon, latitude: frame.south)
            let text = Self.degrees(lon, positive: "E", negative: "W")
            let box = MapLabelLayout.Box(x0: b.x + 2, y0: b.y - 11, x1: b.x + 2 + MapLabelLayout.textWidth(text, fontSize: 9), y1: b.y - 2)
            lines.append((a, b, text, box))
            lon += step
        }
        var lat = (frame.south / step).rounded(.up) * step
        while lat <= frame.north {
            let a = project(longitude: frame.west, latitude: lat)
            let b = project(longitude: frame.east, latitude: lat)
            let text = Self.degrees(lat, positive: "N", negative: "S")
            let box = MapLabelLayout.Box(x0: a.x + 2, y0: a.y - 10, x1: a.x + 2 + MapLabelLayout.textWidth(text, fontSize: 9), y1: a.y - 1)
            lines.append((a, b, text, box))
            lat += step
        }
        return lines
    }

    /// Circles of every place as drawn, by place index.
    func circles() -> [Int: MapLabelLayout.Circle] {
        var circles: [Int: MapLabelLayout.Circle] = [:]
        for p in panel.places.indices {
            let place = panel.places[p]
            let c = project(longitude: place.longitude, latitude: place.latitude)
            circles[p] = MapLabelLayout.Circle(x: c.x, y: c.y, r: radius(p) + 0.5)
        }
        return circles
    }

    /// Where the names go (the top `labelCount` active places by mean PageRank, ties by id).
    func labelLayout() -> MapLabelLayout {
        let s = size
        let pagerank = network.meanCentrality[.pagerank] ?? []
        let top = panel.places.indices.filter { p in p < pagerank.count && pagerank[p] > 0 }
            .sorted { pagerank[$0] != pagerank[$1] ? pagerank[$0] > pagerank[$1] : panel.places[$0].id < panel.places[$1].id }
            .prefix(labelCount)
        return MapLabelLayout(
            candidates: top.map { (place: $0, name: panel.places[$0].name) }, circles: circles(),
            obstacles: graticule().map(\.label),
            frame: MapLabelLayout.Box(x0: 2, y0: 2, x1: s.width - 2, y1: s.height - 2),
            lines: network.links.map { link in
                let a = panel.places[link.source]
                let b = panel.places[link.target]
                let pa = project(longitude: a.longitude, latitude: a.latitude)
                let pb = project(longitude: b.longitude, latitude: b.latitude)
                return MapLabelLayout.Segment(x1: pa.x, y1: pa.y, x2: pb.x, y2: pb.y)
            })
    }

    /// Circle radius in pixels: area ∝ mean PageRank; inactive places 1.6 px.
    func radius(_ p: Int) -> Double {
        guard network.yearsActive[p] > 0, maxPageRank > 0 else { return 1.6 }
        return 2 + 10 * (network.mean(.pagerank, place: p) / maxPageRank).squareRoot()
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
