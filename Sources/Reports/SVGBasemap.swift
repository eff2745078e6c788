import Foundation

/// The land, coastlines and land borders under a stage map, from `NaturalEarth`.
///
/// At render time every ring that meets the visible extent is clipped to it (a
/// little larger, so no edge shows at the frame), projected, and simplified with
/// Douglas–Peucker at `tolerance` pixels; land is one even-odd path (lakes and
/// enclaves are holes), coasts and borders are two stroked paths, each border
/// drawn once.
struct SVGBasemap: Sendable {
    /// The visible extent in degrees.
    var extent: NaturalEarth.Bounds
    /// Longitude/latitude (degrees) → pixels.
    var project: @Sendable (Double, Double) -> (x: Double, y: Double)
    /// Douglas–Peucker tolerance in pixels.
    var tolerance = 0.35

    typealias Point = (x: Double, y: Double)

    /// Path data (`d` attributes) for land, coasts and borders; empty strings when none.
    struct Paths: Sendable, Equatable {
        var land = "", coast = "", border = ""
    }

    /// The paths of the extent (see the type's documentation).
    func paths() -> Paths {
        let margin = max(0.2, 0.02 * max(extent.east - extent.west, extent.north - extent.south))
        let clip = NaturalEarth.Bounds(
            west: extent.west - margin, south: extent.south - margin,
            east: extent.east + margin, north: extent.north + margin)
        var land = ""
        var coast = ""
        var border = ""
        for country in NaturalEarth.countries where country.bounds.intersects(clip) {
            for ring in country.rings where ring.bounds.intersects(clip) {
                let points = (0..<ring.lon.count).map { (x: Double(ring.lon[$0]) / 100, y: Double(ring.lat[$0]) / 100) }
                let clipped = Self.clipPolygon(points, to: clip)
                if clipped.count >= 3 {
                    let simple = simplify(clipped.map { project($0.x, $0.y) }, closed: true)
                    if simple.count >= 3 { Self.append(simple, closed: true, to: &land) }
                }
                // Runs of coast and of border edges, each clipped and drawn as polylines.
                let n = points.count
                let start = (0..<n).first(where: { ring.edges[$0] != ring.edges[($0 + n - 1) % n] }) ?? 0
                var i = 0
                while i < n {
                    let kind = ring.edges[(start + i) % n]
                    var run = [points[(start + i) % n]]
                    while i < n && ring.edges[(start + i) % n] == kind {
                        run.append(points[(start + i + 1) % n])
                        i += 1
                    }
                    guard kind != .borderDrawnByNeighbour else { continue }
                    for piece in Self.clipPolyline(run, to: clip) {
                        let simple = simplify(piece.map { project($0.x, $0.y) }, closed: false)
                        guard simple.count >= 2 else { continue }
                        if kind == .coast {
                            Self.append(simple, closed: false, to: &coast)
                        } else {
                            Self.append(simple, closed: false, to: &border)
                        }
                    }
                }
            }
        }
        return Paths(land: land, coast: coast, border: border)
    }

    /// Douglas–Peucker on projected points (a closed ring keeps its first point and the
    /// point farthest from it).
    func simplify(_ points: [Point], closed: Bool) -> [Point] {
        guard points.count > 2 else { return points }
        if closed {
            let first = points[0]
            var far = 0
            var best = -1.0
            for (i, p) in points.enumerated() {
                let d = (p.x - first.x) * (p.x - first.x) + (p.y - first.y) * (p.y - first.y)
                if d > best {
                    best = d
                    far = i
                }
            }
            guard far > 0 else { return [first] }
            let a = Self.douglasPeucker(Array(points[0...far]), tolerance)
            let b = Self.douglasPeucker(Array(points[far...]) + [first], tolerance)
            return a + b.dropFirst().dropLast()
        }
        return Self.douglasPeucker(points, tolerance)
    }

    static func douglasPeucker(_ points: [Point], _ tolerance: Double) -> [Point] {
        guard points.count > 2 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        let limit = tolerance * tolerance
        while let (i, j) = stack.popLast() {
            guard j > i + 1 else { continue }
            let a = points[i]
            let b = points[j]
            let dx = b.x - a.x
            let dy = b.y - a.y
            let length = dx * dx + dy * dy
            var best = -1.0
            var index = -1
            for k in (i + 1)..<j {
                let p = points[k]
                var t = length > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length : 0
                t = min(1, max(0, t))
                let ex = p.x - (a.x + t * dx)
                let ey = p.y - (a.y + t * dy)
                let d = ex * ex + ey * ey
                if d > best {
                    best = d
                    index = k
                }
            }
            if best > limit {
                keep[index] = true
                stack.append((i, index))
                stack.append((index, j))
            }
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }

    /// Sutherland–Hodgman clipping of a ring to a rectangle (edges along the rectangle
    /// may appear where the ring leaves it; land is filled, never stroked).
    static func clipPolygon(_ ring: [Point], to box: NaturalEarth.Bounds) -> [Point] {
        var output = ring
        let edges: [(inside: (Point) -> Bool, cut: (Point, Point) -> Point)] = [
            ({ $0.x >= box.west }, { a, b in intersectX(a, b, box.west) }),
            ({ $0.x <= box.east }, { a, b in intersectX(a, b, box.east) }),
            ({ $0.y >= box.south }, { a, b in intersectY(a, b, box.south) }),
            ({ $0.y <= box.north }, { a, b in intersectY(a, b, box.north) }),
        ]
        for edge in edges {
            guard !output.isEmpty else { break }
            let input = output
            output = []
            var previous = input[input.count - 1]
            for current in input {
                let curIn = edge.inside(current)
                let prevIn = edge.inside(previous)
                if curIn {
                    if !prevIn { output.append(edge.cut(previous, current)) }
                    output.append(current)
                } else if prevIn {
                    output.append(edge.cut(previous, current))
                }
                previous = current
            }
        }
        return output
    }

    /// The parts of a polyline inside a rectangle (Liang–Barsky on every segment).
    static func clipPolyline(_ line: [Point], to box: NaturalEarth.Bounds) -> [[Point]] {
        var pieces: [[Point]] = []
        var current: [Point] = []
        for k in 1..<max(1, line.count) {
            let a = line[k - 1]
            let b = line[k]
            guard let (t0, t1) = liangBarsky(a, b, box) else {
                if current.count >= 2 { pieces.append(current) }
                current = []
                continue
            }
            let p0 = (x: a.x + t0 * (b.x - a.x), y: a.y + t0 * (b.y - a.y))
            let p1 = (x: a.x + t1 * (b.x - a.x), y: a.y + t1 * (b.y - a.y))
            if current.isEmpty || t0 > 0 {
                if current.count >= 2 { pieces.append(current) }
                current = [p0]
            }
            current.append(p1)
            if t1 < 1 {
                pieces.append(current)
                current = []
            }
        }
        if current.count >= 2 { pieces.append(current) }
        return pieces
    }

    private static func liangBarsky(_ a: Point, _ b: Point, _ box: NaturalEarth.Bounds) -> (Double, Double)? {
        var t0 = 0.0
        var t1 = 1.0
        let dx = b.x - a.x
        let dy = b.y - a.y
        for (p, q) in [(-dx, a.x - box.west), (dx, box.east - a.x), (-dy, a.y - box.south), (dy, box.north - a.y)] {
            if p == 0 {
                if q < 0 { return nil }
                continue
            }
            let r = q / p
            if p < 0 {
                if r > t1 { return nil }
                t0 = max(t0, r)
            } else {
                if r < t0 { return nil }
                t1 = min(t1, r)
            }
        }
        return (t0, t1)
    }

    private static func intersectX(_ a: Point, _ b: Point, _ x: Double) -> Point {
        let t = (x - a.x) / (b.x - a.x)
        return (x, a.y + t * (b.y - a.y))
    }

    private static func intersectY(_ a: Point, _ b: Point, _ y: Double) -> Point {
        let t = (y - a.y) / (b.y - a.y)
        return (a.x + t * (b.x - a.x), y)
    }

    private static func append(_ points: [Point], closed: Bool, to path: inout String) {
        for (i, p) in points.enumerated() {
            path += (i == 0 ? "M" : "L") + HTMLText.fixed(p.x, digits: 1) + " " + HTMLText.fixed(p.y, digits: 1)
        }
        if closed { path += "Z" }
    }
}
