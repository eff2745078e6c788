import Analysis
@testable import Reports
import CooperationNetwork
import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import JobFiles
import TestSupport
import XCTest

/// The report's stage maps: labels clear of circles, of each other and of the frame;
/// the Natural Earth basemap (the Amur–Ussuri border is on it); the layer palette.
final class StageMapTests: XCTestCase {
    struct Rect { var x0, y0, x1, y1: Double }
    struct Disc { var x, y, r: Double }

    /// Independent geometry (not `MapLabelLayout.Box`): open rectangles and discs.
    static func overlap(_ a: Rect, _ b: Rect) -> Bool {
        max(a.x0, b.x0) < min(a.x1, b.x1) && max(a.y0, b.y0) < min(a.y1, b.y1)
    }

    static func overlap(_ a: Rect, _ c: Disc) -> Bool {
        let nx = Swift.max(a.x0, Swift.min(c.x, a.x1))
        let ny = Swift.max(a.y0, Swift.min(c.y, a.y1))
        return (nx - c.x) * (nx - c.x) + (ny - c.y) * (ny - c.y) < c.r * c.r - 1e-9
    }

    /// Checks a map's labels; returns the number of labels.
    @discardableResult
    func assertClear(labels: [(text: String, box: Rect)], circles: [Disc], frame: Rect, _ context: String) -> Int {
        for (i, a) in labels.enumerated() {
            XCTAssertTrue(
                a.box.x0 >= frame.x0 - 1e-9 && a.box.x1 <= frame.x1 + 1e-9 && a.box.y0 >= frame.y0 - 1e-9
                    && a.box.y1 <= frame.y1 + 1e-9, "\(context): '\(a.text)' leaves the frame")
            for b in labels[(i + 1)...] where Self.overlap(a.box, b.box) {
                XCTFail("\(context): '\(a.text)' overlaps '\(b.text)'")
            }
            for c in circles where Self.overlap(a.box, c) {
                XCTFail("\(context): '\(a.text)' overlaps the circle at \(c.x), \(c.y)")
            }
        }
        return labels.count
    }

    /// Crowded random maps: 40 circles of radius 2–12 px in a 360 × 300 frame, 12 names each.
    func testGreedyLayoutKeepsLabelsClear() {
        var random = TestRandom(seed: 16)
        var placed = 0
        var numbered = 0
        for round in 0..<25 {
            var circles: [Int: MapLabelLayout.Circle] = [:]
            for p in 0..<40 {
                circles[p] = MapLabelLayout.Circle(
                    x: 10 + 340 * random.unit(), y: 10 + 280 * random.unit(),
                    r: 2 + 10 * random.unit())
            }
            let names = [
                "Suifenhe port", "Mudanjiang", "Heihe port", "Blagoveshchensk", "W", "Pogranichny (Grodekovo)",
                "Harbin", "Khabarovsk", "Vladivostok", "黑河", "Mishan (Dangbi) port", "Ussuriysk",
            ]
            let candidates = names.enumerated().map { (place: $0.offset * 3, name: $0.element) }
            let obstacle = MapLabelLayout.Box(x0: 0, y0: 280, x1: 60, y1: 300)
            let layout = MapLabelLayout(
                candidates: candidates, circles: circles, obstacles: [obstacle],
                frame: MapLabelLayout.Box(x0: 2, y0: 2, x1: 358, y1: 298))
            let boxes = layout.labels.map { (text: $0.text, box: Rect(x0: $0.box.x0, y0: $0.box.y0, x1: $0.box.x1, y1: $0.box.y1)) }
            let discs = circles.values.map { Disc(x: $0.x, y: $0.y, r: $0.r) }
            placed += assertClear(labels: boxes, circles: discs, frame: Rect(x0: 0, y0: 0, x1: 360, y1: 300), "round \(round)")
            for label in boxes where Self.overlap(label.box, Rect(x0: 0, y0: 280, x1: 60, y1: 300)) {
                XCTFail("round \(round): '\(label.text)' overlaps the fixed obstacle")
            }
            for label in layout.labels {
                // Every box holds its text at the estimated width, next to its own circle.
                XCTAssertEqual(label.box.x1 - label.box.x0, MapLabelLayout.textWidth(label.text), accuracy: 1e-9)
                let own = circles[label.place]!
                let nx = max(label.box.x0, min(own.x, label.box.x1))
                let ny = max(label.box.y0, min(own.y, label.box.y1))
                XCTAssertLessThan(
                    ((nx - own.x) * (nx - own.x) + (ny - own.y) * (ny - own.y)).squareRoot(), own.r + 12,
                    "round \(round): '\(label.text)' strays from its circle")
            }
            XCTAssertEqual(layout.key.map(\.number), Array(1...max(1, layout.key.count)).prefix(layout.key.count).map { $0 })
            numbered += layout.key.count
        }
        XCTAssertGreaterThan(placed, 25 * 6, "most names find a place")
        XCTAssertGreaterThan(numbered, 0, "crowded maps use the numbered key")
    }

    /// A link leaving a place to the right pushes its name to the left; with links on
    /// both sides, above. Without any free side the name still goes where it fits.
    func testNamesAvoidLinkLinesWhenTheyCan() {
        let circle = MapLabelLayout.Circle(x: 180, y: 150, r: 6)
        let frame = MapLabelLayout.Box(x0: 0, y0: 0, x1: 360, y1: 300)
        func box(_ lines: [MapLabelLayout.Segment]) -> Rect? {
            let layout = MapLabelLayout(
                candidates: [(place: 0, name: "Suifenhe port")], circles: [0: circle],
                obstacles: [], frame: frame, lines: lines)
            return layout.labels.first.map { Rect(x0: $0.box.x0, y0: $0.box.y0, x1: $0.box.x1, y1: $0.box.y1) }
        }
        let east = MapLabelLayout.Segment(x1: 180, y1: 150, x2: 340, y2: 150)
        let west = MapLabelLayout.Segment(x1: 180, y1: 150, x2: 20, y2: 150)
        let north = MapLabelLayout.Segment(x1: 180, y1: 150, x2: 180, y2: 10)
        let alone = try? XCTUnwrap(box([]))
        XCTAssertEqual(alone.map { $0.x0 > 180 }, true, "right of the circle by default")
        let left = try? XCTUnwrap(box([east]))
        XCTAssertEqual(left.map { $0.x1 < 180 && $0.y0 < 150 && $0.y1 > 150 }, true, "left, on the circle's line")
        let above = try? XCTUnwrap(box([east, west]))
        XCTAssertEqual(above.map { $0.y1 < 150 - 6 }, true, "above")
        let below = try? XCTUnwrap(box([east, west, north]))
        XCTAssertEqual(below.map { $0.y0 > 150 + 6 }, true, "below")
        // Every side crossed: the first position that fits, although a line crosses it.
        let everywhere = (0..<36).map { k -> MapLabelLayout.Segment in
            let a = Double(k) * Double.pi / 18
            return MapLabelLayout.Segment(x1: 180, y1: 150, x2: 180 + 170 * cos(a), y2: 150 + 140 * sin(a))
        }
        XCTAssertEqual(box(everywhere).map { $0.x0 > 180 }, true)
    }

    /// The default job's maps as written into report.html: every name (and key number) is clear
    /// of every circle, of the other names and of the frame. Before, "Suifenhe port" sat on
    /// Mudanjiang's circle and "Heihe port" on Blagoveshchensk's.
    func testDefaultJobReportMapsKeepLabelsClear() throws {
        let loaded = try JobLoader.load(path: Fixtures.repositoryRoot.appendingPathComponent("jobs/heilongjiang-far-east").path)
        var spec = loaded.spec
        spec.bootstrap.replicates = 4
        spec.bootstrap.batchSize = 4
        let job = JobAnalysis(panel: loaded.panel, spec: spec)
        var aggregation = Aggregation(job: job)
        for index in 0..<job.taskCount { try aggregation.fold(job.execute(task: index)) }
        let files = try OutputSet.files(try JobResults(aggregation: aggregation))
        let report = try XCTUnwrap(files.first { $0.name == "report.html" })
        let root = try XMLNode.parse(report.data)
        let maps = root.elements("svg", class: "map")
        XCTAssertFalse(maps.isEmpty)
        var labelled = 0
        for (m, map) in maps.enumerated() {
            let box = try XCTUnwrap(map.attributes["viewBox"]).split(separator: " ").compactMap { Double($0) }
            XCTAssertEqual(box.count, 4)
            let circles = map.elements("g", class: "places").flatMap { $0.elements("circle") }.compactMap { c -> Disc? in
                guard let x = c.attributes["cx"].flatMap(Double.init), let y = c.attributes["cy"].flatMap(Double.init),
                    let r = c.attributes["r"].flatMap(Double.init)
                else { return nil }
                return Disc(x: x, y: y, r: r)
            }
            XCTAssertEqual(circles.count, loaded.panel.places.count)
            let texts = map.elements("g", class: "labels").flatMap { $0.elements("text") }
            let labels = texts.compactMap { t -> (text: String, box: Rect)? in
                guard let x = t.attributes["x"].flatMap(Double.init), let y = t.attributes["y"].flatMap(Double.init) else { return nil }
                let width = MapLabelLayout.textWidth(t.text)
                return (
                    t.text,
                    Rect(
                        x0: x, y0: y - MapLabelLayout.ascent, x1: x + width,
                        y1: y - MapLabelLayout.ascent + MapLabelLayout.lineHeight)
                )
            }
            XCTAssertEqual(labels.count, texts.count)
            labelled += assertClear(labels: labels, circles: circles, frame: Rect(x0: 0, y0: 0, x1: box[2], y1: box[3]), "map \(m + 1)")
            // The basemap is drawn, and clipped to the map (a little margin for the strokes).
            let paths = map.elements("path")
            for kind in ["land", "coast", "border"] {
                XCTAssertEqual(paths.filter { $0.attributes["class"] == kind }.count, 1, "map \(m + 1): \(kind)")
            }
            for path in paths {
                let numbers = (path.attributes["d"] ?? "").split(whereSeparator: { "MLZ ".contains($0) }).compactMap { Double($0) }
                XCTAssertGreaterThan(numbers.count, 10)
                for (i, v) in numbers.enumerated() {
                    let limit = i % 2 == 0 ? box[2] : box[3]
                    XCTAssertTrue(v >= -40 && v <= limit + 40, "map \(m + 1): \(path.attributes["class"] ?? "") point outside the clip")
                }
            }
        }
        XCTAssertGreaterThan(labelled, 2 * maps.count)
    }

    /// Even-odd point in polygon over all rings of the countries with `code`.
    func inside(_ code: String, longitude: Double, latitude: Double) -> Bool {
        var crossings = 0
        for country in NaturalEarth.countries(coded: code) {
            for ring in country.rings {
                let n = ring.lon.count
                for i in 0..<n {
                    let ax = Double(ring.lon[i]) / 100
                    let ay = Double(ring.lat[i]) / 100
                    let bx = Double(ring.lon[(i + 1) % n]) / 100
                    let by = Double(ring.lat[(i + 1) % n]) / 100
                    if (ay > latitude) != (by > latitude), longitude < ax + (latitude - ay) / (by - ay) * (bx - ax) {
                        crossings += 1
                    }
                }
            }
        }
        return crossings % 2 == 1
    }

    /// Distance in degrees from a point to the nearest land-border edge of a country.
    func distanceToBorder(_ code: String, longitude: Double, latitude: Double) -> Double {
        var best = Double.infinity
        for country in NaturalEarth.countries(coded: code) {
            for ring in country.rings {
                let n = ring.lon.count
                for i in 0..<n where ring.edges[i] != .coast {
                    let ax = Double(ring.lon[i]) / 100
                    let ay = Double(ring.lat[i]) / 100
                    let bx = Double(ring.lon[(i + 1) % n]) / 100
                    let by = Double(ring.lat[(i + 1) % n]) / 100
                    let dx = bx - ax
                    let dy = by - ay
                    let l = dx * dx + dy * dy
                    let t = l > 0 ? max(0, min(1, ((longitude - ax) * dx + (latitude - ay) * dy) / l)) : 0
                    let ex = longitude - ax - t * dx
                    let ey = latitude - ay - t * dy
                    best = min(best, (ex * ex + ey * ey).squareRoot())
                }
            }
        }
        return best
    }

    /// The embedded Natural Earth data decode and put known cities in their countries
    /// (coordinates from the default job and public gazetteers), and the Amur and the
    /// Ussuri — the China–Russia border — run past the border towns.
    func testBasemapPutsCitiesInTheirCountriesAndTheBorderOnTheAmur() {
        XCTAssertGreaterThan(NaturalEarth.countries.count, 200)
        // The stored extents (read without the outlines) hold the rings drawn (and the islets
        // too small to draw); countries whose rings are all too small to draw are tiny.
        for country in NaturalEarth.countries {
            let rings = country.rings
            let b = country.bounds
            if rings.isEmpty {
                XCTAssertLessThan(max(b.east - b.west, b.north - b.south), 0.1, country.name)
            }
            for ring in rings {
                XCTAssertTrue(
                    ring.bounds.west >= b.west - 1e-9 && ring.bounds.east <= b.east + 1e-9
                        && ring.bounds.south >= b.south - 1e-9 && ring.bounds.north <= b.north + 1e-9, country.name)
            }
        }
        let cities: [(String, String, Double, Double)] = [
            ("CN", "Harbin", 126.53, 45.80), ("CN", "Beijing", 116.40, 39.90), ("CN", "Mudanjiang", 129.60, 44.58),
            ("RU", "Khabarovsk", 135.07, 48.48), ("RU", "Vladivostok", 131.89, 43.12), ("RU", "Moscow", 37.62, 55.76),
            ("EE", "Tallinn", 24.75, 59.44), ("EE", "Tartu", 26.72, 58.38), ("RU", "Pskov", 28.33, 57.82),
            ("MN", "Ulaanbaatar", 106.92, 47.92), ("FR", "Paris", 2.35, 48.86), ("NO", "Oslo", 10.75, 59.91),
        ]
        for (code, name, lon, lat) in cities {
            XCTAssertTrue(inside(code, longitude: lon, latitude: lat), "\(name) not in \(code)")
            let others = ["CN", "RU", "EE", "MN"].filter { $0 != code }
            for other in others { XCTAssertFalse(inside(other, longitude: lon, latitude: lat), "\(name) in \(other)") }
        }
        // Border crossings on the Amur (Heihe), the Ussuri (Fuyuan) and by land (Suifenhe).
        for (name, lon, lat) in [("Heihe", 127.49, 50.25), ("Fuyuan", 134.29, 48.36), ("Suifenhe", 131.15, 44.40)] {
            XCTAssertLessThan(distanceToBorder("CN", longitude: lon, latitude: lat), 0.15, name)
            XCTAssertLessThan(distanceToBorder("RU", longitude: lon, latitude: lat), 0.15, name)
        }
        XCTAssertGreaterThan(distanceToBorder("CN", longitude: 126.53, latitude: 45.80), 2, "Harbin is far from any border")
    }

    /// Okabe–Ito colours: eight layers get eight distinct colours; a user layer beside trade
    /// gets a colour far from trade's orange (CIE76 ΔE in L*a*b*, computed here).
    func testPaletteGivesDistinctColoursToEightLayers() {
        func lab(_ hex: String) -> (Double, Double, Double) {
            let v = Int(hex.dropFirst(), radix: 16) ?? 0
            func linear(_ c: Int) -> Double {
                let s = Double(c) / 255
                return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            let r = linear(v >> 16)
            let g = linear((v >> 8) & 255)
            let b = linear(v & 255)
            let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
            let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
            let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
            func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
            return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
        }
        func distance(_ a: String, _ b: String) -> Double {
            let p = lab(a)
            let q = lab(b)
            return ((p.0 - q.0) * (p.0 - q.0) + (p.1 - q.1) * (p.1 - q.1) + (p.2 - q.2) * (p.2 - q.2)).squareRoot()
        }
        func palette(_ names: [String]) -> ReportPalette {
            let layers = names.map { Layer(rawValue: $0) }.sorted()
            let places = [Place(id: "a", name: "A", country: "EE", kind: "city", scale: .local, region: "r", latitude: 59, longitude: 25)]
            return ReportPalette(panel: Panel(places: places, layers: layers, links: [], years: 2001...2002))
        }
        let eight = palette(["trade", "industrial_park", "transport_corridor", "institutional", "education", "energy", "tourism", "zz"])
        let colours = eight.layers.indices.map(eight.layer)
        XCTAssertEqual(Set(colours).count, 8, "\(colours)")
        // The issue's job: trade, transport and a user layer.
        let user = palette(["trade", "transport_corridor", "education"])
        let education = user.layer(named: "education")
        let trade = user.layer(named: "trade")
        XCTAssertGreaterThan(distance(education, trade), 40, "\(education) vs \(trade)")
        for a in user.layers.indices {
            for b in user.layers.indices where a < b {
                XCTAssertGreaterThan(distance(user.layer(a), user.layer(b)), 40)
            }
        }
    }
}
