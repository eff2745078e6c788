import Foundation

/// Where the place names of a map go: a deterministic greedy placer.
///
/// Places are taken in the given order (most central first). Each name tries eight
/// positions around its circle — right, left, above, below, then the four diagonals —
/// and takes the first whose box stays inside the frame and overlaps no circle, no
/// earlier name and no fixed obstacle (graticule labels), preferring among those the
/// first that no link line crosses. A name that fits nowhere is
/// replaced by a number, tried the same way, and listed in the map's key; a place whose
/// number does not fit either is left unlabelled. Text widths are estimated from
/// Arial's advance widths enlarged by 12 % (DejaVu Sans, the usual fallback, is wider),
/// so boxes err on the large side.
struct MapLabelLayout: Sendable {
    struct Box: Sendable, Equatable {
        var x0: Double, y0: Double, x1: Double, y1: Double

        func overlaps(_ other: Box) -> Bool {
            x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1
        }

        func inside(_ frame: Box) -> Bool {
            x0 >= frame.x0 && x1 <= frame.x1 && y0 >= frame.y0 && y1 <= frame.y1
        }

        /// Whether the box and the disc of centre (x, y) and radius r share any point.
        func overlaps(circle: Circle) -> Bool {
            let dx = circle.x - min(max(circle.x, x0), x1)
            let dy = circle.y - min(max(circle.y, y0), y1)
            return dx * dx + dy * dy < circle.r * circle.r
        }
    }

    struct Circle: Sendable, Equatable {
        var x: Double, y: Double, r: Double
    }

    /// A link drawn on the map: names avoid crossing one when a position allows.
    struct Segment: Sendable, Equatable {
        var x1: Double, y1: Double, x2: Double, y2: Double

        /// Whether the segment meets the box (Liang–Barsky clipping against it).
        func crosses(_ box: Box) -> Bool {
            var t0 = 0.0
            var t1 = 1.0
            let dx = x2 - x1
            let dy = y2 - y1
            for (p, q) in [(-dx, x1 - box.x0), (dx, box.x1 - x1), (-dy, y1 - box.y0), (dy, box.y1 - y1)] {
                if p == 0 {
                    if q < 0 { return false }
                    continue
                }
                let r = q / p
                if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                if t0 > t1 { return false }
            }
            return true
        }
    }

    /// One placed label: the text, its box, and where the SVG text element goes.
    struct Label: Sendable, Equatable {
        var place: Int
        var text: String
        var box: Box
        /// Key number when the name did not fit and a number stands in for it.
        var number: Int?
        var x: Double { box.x0 }
        /// Baseline of the text inside its box.
        var baseline: Double { box.y0 + MapLabelLayout.ascent }
    }

    static let fontSize = 10.0
    static let lineHeight = 12.0
    static let ascent = 9.5
    /// Space between a circle and its label.
    static let gap = 1.5

    var labels: [Label] = []
    /// Places shown by number: (number, place index), numbers from 1.
    var key: [(number: Int, place: Int)] = []

    /// Lays out the names of `candidates` (place index and name, in priority order).
    ///
    /// - Parameters:
    ///   - circles: every circle drawn on the map, by place index (obstacles for all labels).
    ///   - obstacles: other boxes to keep clear of.
    ///   - frame: the box every label must stay inside.
    init(
        candidates: [(place: Int, name: String)], circles: [Int: Circle], obstacles: [Box], frame: Box,
        lines: [Segment] = []
    ) {
        var taken = obstacles
        let allCircles = circles.keys.sorted().compactMap { circles[$0] }
        func fits(_ box: Box) -> Bool {
            box.inside(frame) && !taken.contains { $0.overlaps(box) } && !allCircles.contains { box.overlaps(circle: $0) }
        }
        /// The first position that fits, preferring one that no link line crosses.
        func place(_ boxes: [Box]) -> Box? {
            let fitting = boxes.filter(fits)
            return fitting.first { box in !lines.contains { $0.crosses(box) } } ?? fitting.first
        }
        for candidate in candidates {
            guard let circle = circles[candidate.place] else { continue }
            if let box = place(Self.positions(around: circle, width: Self.textWidth(candidate.name))) {
                taken.append(box)
                labels.append(Label(place: candidate.place, text: candidate.name, box: box, number: nil))
                continue
            }
            let number = key.count + 1
            if let box = place(Self.positions(around: circle, width: Self.textWidth(String(number)))) {
                taken.append(box)
                labels.append(Label(place: candidate.place, text: String(number), box: box, number: number))
                key.append((number, candidate.place))
            }
        }
    }

    /// The eight candidate boxes around a circle, in order of preference.
    static func positions(around c: Circle, width: Double) -> [Box] {
        let h = lineHeight
        let g = gap
        let d = c.r * 0.7071 + g
        return [
            Box(x0: c.x + c.r + g, y0: c.y - h / 2, x1: c.x + c.r + g + width, y1: c.y + h / 2),  // right
            Box(x0: c.x - c.r - g - width, y0: c.y - h / 2, x1: c.x - c.r - g, y1: c.y + h / 2),  // left
            Box(x0: c.x - width / 2, y0: c.y - c.r - g - h, x1: c.x + width / 2, y1: c.y - c.r - g),  // above
            Box(x0: c.x - width / 2, y0: c.y + c.r + g, x1: c.x + width / 2, y1: c.y + c.r + g + h),  // below
            Box(x0: c.x + d, y0: c.y - d - h, x1: c.x + d + width, y1: c.y - d),  // upper right
            Box(x0: c.x - d - width, y0: c.y - d - h, x1: c.x - d, y1: c.y - d),  // upper left
            Box(x0: c.x + d, y0: c.y + d, x1: c.x + d + width, y1: c.y + d + h),  // lower right
            Box(x0: c.x - d - width, y0: c.y + d, x1: c.x - d, y1: c.y + d + h),  // lower left
        ]
    }

    /// Estimated width in pixels of `text` at `fontSize` (see the type's documentation).
    static func textWidth(_ text: String, fontSize: Double = fontSize) -> Double {
        var units = 0
        for scalar in text.unicodeScalars {
            if scalar.value < 128, let width = asciiWidths[Character(scalar)] {
                units += width
            } else if scalar.properties.isIdeographic || (0xAC00...0xD7A3).contains(scalar.value) {
                units += 1000
            } else {
                units += 650
            }
        }
        return Double(units) / 1000 * fontSize * 1.12
    }

    /// Arial's advance widths in thousandths of an em (other ASCII: 556).
    private static let asciiWidths: [Character: Int] = {
        var widths: [Character: Int] = [:]
        for c in "abcdeghnopqu0123456789" { widths[c] = 556 }
        for c in "ksvxyz" { widths[c] = 500 }
        for c in "fjt" { widths[c] = 278 }
        for c in "il" { widths[c] = 222 }
        widths["r"] = 333
        widths["m"] = 833
        widths["w"] = 722
        for c in "ABEKPSVXY" { widths[c] = 667 }
        for c in "CDHNRU" { widths[c] = 722 }
        for c in "FTZ" { widths[c] = 611 }
        for c in "GOQ" { widths[c] = 778 }
        widths["I"] = 278
        widths["J"] = 500
        widths["L"] = 556
        widths["M"] = 833
        widths["W"] = 944
        widths[" "] = 278
        widths["."] = 278
        widths[","] = 278
        widths["-"] = 333
        widths["'"] = 191
        widths["("] = 333
        widths[")"] = 333
        widths["/"] = 278
        widths["&"] = 667
        for scalar in 32..<127 {
            let c = Character(UnicodeScalar(UInt8(scalar)))
            if widths[c] == nil { widths[c] = 556 }
        }
        return widths
    }()
}
