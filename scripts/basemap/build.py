#!/usr/bin/env python3
"""Builds the report maps' basemap from Natural Earth 1:50m admin-0 countries.

Input: the text export-countries.R writes (stdin or argv[1]). Output: the Swift
source Sources/Reports/NaturalEarthData.swift (argv[2]), a base64 string of:

  "NE50" u8 version=2
  varint country count; per country:
    iso_a2 (2 ASCII bytes, "--" when Natural Earth has none), adm0_a3 (3 bytes),
    varint name length, UTF-8 name,
    zigzag varints west, south, east, north (hundredths of a degree: the extent of
      the country's rings as given, before simplification and dropping small rings),
    varint byte length of the ring block that follows (so readers can skip it),
    ring block: varint ring count; per ring:
      u8 flags (1 = hole), varint point count n,
      n points: zigzag varint deltas of lon, lat in hundredths of a degree
        (the first from 0,0), the ring closed implicitly (last point != first),
      varint run count; runs of (varint edge count, u8 kind) covering the n
        edges i -> i+1 (mod n): kind 0 coast, 1 land border drawn from this
        ring, 2 land border drawn from the neighbour's ring.

Steps, all deterministic:
  1. coordinates rounded to 0.01 degree (about 1 km; the 1:50m source is
     accurate to a few km), repeated points dropped;
  2. an edge is a land border when another country's ring has the same edge;
  3. each ring is cut at the vertices where the edge kind or the neighbour
     changes, and every piece is simplified with Douglas-Peucker (tolerance
     TOLERANCE degrees) in a canonical direction, so a border shared by two
     countries is simplified identically in both (no slivers or gaps).
"""
import base64
import sys

TOLERANCE = 2  # hundredths of a degree
MIN_RING_SPAN = 4  # rings smaller than this (hundredths of a degree, both axes) are dropped


def read(lines):
    countries = []
    for line in lines:
        line = line.rstrip("\n")
        if line.startswith("C\t"):
            _, iso, a3, name = line.split("\t")
            countries.append({"iso": iso, "a3": a3, "name": name, "rings": []})
        elif line.startswith("R\t"):
            _, hole, coords = line.split("\t")
            pts = []
            for pair in coords.split(" "):
                lon, lat = pair.split(",")
                p = (round(float(lon) * 100), round(float(lat) * 100))
                if not pts or pts[-1] != p:
                    pts.append(p)
            while len(pts) > 1 and pts[-1] == pts[0]:
                pts.pop()
            countries[-1]["rings"].append({"hole": hole == "1", "pts": pts})
    return countries


def perpendicular(p, a, b):
    """Squared distance from p to segment ab (integers, exact ordering)."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return (px - ax) ** 2 + (py - ay) ** 2
    t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)
    t = max(0.0, min(1.0, t))
    qx, qy = ax + t * dx, ay + t * dy
    return (px - qx) ** 2 + (py - qy) ** 2


def douglas_peucker(pts, tolerance):
    if len(pts) <= 2:
        return list(pts)
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    limit = tolerance * tolerance
    while stack:
        i, j = stack.pop()
        best, index = -1.0, -1
        for k in range(i + 1, j):
            d = perpendicular(pts[k], pts[i], pts[j])
            if d > best:
                best, index = d, k
        if index >= 0 and best > limit:
            keep[index] = True
            stack.append((i, index))
            stack.append((index, j))
    return [p for p, k in zip(pts, keep) if k]


def simplify_piece(piece):
    """Douglas-Peucker in a canonical direction: the same piece read backwards by the
    neighbouring country gives the same points."""
    if piece[0] > piece[-1] or (piece[0] == piece[-1] and len(piece) > 2 and piece[1] > piece[-2]):
        return list(reversed(douglas_peucker(list(reversed(piece)), TOLERANCE)))
    return douglas_peucker(piece, TOLERANCE)


def build(countries):
    owners = {}  # undirected edge -> set of country indices
    for ci, c in enumerate(countries):
        for r in c["rings"]:
            pts = r["pts"]
            for i in range(len(pts)):
                a, b = pts[i], pts[(i + 1) % len(pts)]
                owners.setdefault((min(a, b), max(a, b)), set()).add(ci)

    def edge_kind(ci, a, b):
        others = owners[(min(a, b), max(a, b))] - {ci}
        if not others:
            return (0, -1)
        neighbour = min(others)
        return (1 if ci < neighbour else 2, neighbour)

    out = []
    for ci, c in enumerate(countries):
        rings = []
        for r in c["rings"]:
            pts = r["pts"]
            n = len(pts)
            if n < 3:
                continue
            kinds = [edge_kind(ci, pts[i], pts[(i + 1) % n]) for i in range(n)]
            cuts = [i for i in range(n) if kinds[i] != kinds[i - 1]]
            if not cuts:
                # One kind all round: cut at the smallest point and the point farthest from it.
                first = min(range(n), key=lambda i: pts[i])
                far = max(range(n), key=lambda i: ((pts[i][0] - pts[first][0]) ** 2 + (pts[i][1] - pts[first][1]) ** 2, -i))
                cuts = sorted({first, far})
            new_pts, new_kinds = [], []
            for k, start in enumerate(cuts):
                end = cuts[(k + 1) % len(cuts)]
                length = (end - start) % n or n
                piece = [pts[(start + j) % n] for j in range(length + 1)]
                simple = simplify_piece(piece)
                for p in simple[:-1]:
                    new_pts.append(p)
                    new_kinds.append(kinds[start][0])
            xs = [p[0] for p in new_pts]
            ys = [p[1] for p in new_pts]
            if len(new_pts) < 3 or (max(xs) - min(xs) < MIN_RING_SPAN and max(ys) - min(ys) < MIN_RING_SPAN):
                continue
            runs = []
            for kind in new_kinds:
                if runs and runs[-1][1] == kind:
                    runs[-1][0] += 1
                else:
                    runs.append([1, kind])
            rings.append({"hole": r["hole"], "pts": new_pts, "runs": runs})
        # The extent of the country as given (before simplification and dropping small rings).
        out.append({**c, "rings": rings, "extent_points": [p for r in c["rings"] for p in r["pts"]]})
    return out


def varint(value, buf):
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            buf.append(byte | 0x80)
        else:
            buf.append(byte)
            return


def zigzag(value):
    return (value << 1) if value >= 0 else ((-value << 1) - 1)


def encode(countries):
    buf = bytearray(b"NE50")
    buf.append(2)
    varint(len(countries), buf)
    for c in countries:
        buf += (c["iso"] or "--").encode("ascii")
        buf += c["a3"].encode("ascii")
        name = c["name"].encode("utf-8")
        varint(len(name), buf)
        buf += name
        points = c["extent_points"]
        for value in (min(p[0] for p in points), min(p[1] for p in points),
                      max(p[0] for p in points), max(p[1] for p in points)):
            varint(zigzag(value), buf)
        block = bytearray()
        varint(len(c["rings"]), block)
        for r in c["rings"]:
            block.append(1 if r["hole"] else 0)
            varint(len(r["pts"]), block)
            x = y = 0
            for px, py in r["pts"]:
                varint(zigzag(px - x), block)
                varint(zigzag(py - y), block)
                x, y = px, py
            varint(len(r["runs"]), block)
            for count, kind in r["runs"]:
                varint(count, block)
                block.append(kind)
        varint(len(block), buf)
        buf += block
    return bytes(buf)


def main():
    source = open(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] != "-" else sys.stdin
    target = sys.argv[2] if len(sys.argv) > 2 else None
    countries = build(read(source))
    data = encode(countries)
    text = base64.b64encode(data).decode("ascii")
    lines = [text[i:i + 120] for i in range(0, len(text), 120)]
    points = sum(len(r["pts"]) for c in countries for r in c["rings"])
    border = sum(count for c in countries for r in c["rings"] for count, kind in r["runs"] if kind == 1)
    swift = (
        "// Generated by scripts/basemap/generate from Natural Earth 1:50m admin-0 countries\n"
        "// (public domain; Debian r-cran-rnaturalearthdata 0.1.0, CC0). Do not edit:\n"
        "// provenance, licence and format in scripts/basemap/README.md and build.py.\n"
        f"// {len(countries)} countries, {points} points, {border} land-border edges, {len(data)} bytes.\n\n"
        "extension NaturalEarth {\n"
        "    /// The encoded basemap (format: scripts/basemap/build.py).\n"
        "    static let encoded = \"\"\"\n"
        + "\n".join("        " + line for line in lines)
        + "\n        \"\"\"\n}\n"
    )
    if target:
        with open(target, "w") as f:
            f.write(swift)
    print(f"{len(countries)} countries, {points} points, {border} land-border edges, {len(data)} bytes "
          f"({len(text)} base64)", file=sys.stderr)


if __name__ == "__main__":
    main()
