import Foundation

/// Heilongjiang–Russia trade H(y) in billion USD for every year of the job,
/// from `trade_by_year.csv` by the rule of RULES.md sections 4–5:
///
/// 1. a full-year province row in billion USD, if any (of several: a reported row
///    before a derived one, then the highest confidence, then the first in the file);
///    rows the facts mark as derived are flagged estimated;
/// 2. otherwise N(y) × s(y): the China–Russia total (interpolated linearly when
///    missing) times the province's share, interpolated linearly between share
///    anchors and held at the nearest anchor outside them.
///
/// Rows in other units, partial-year scopes and other scopes are never read: the
/// facts hold no exchange rate, and a part of a year is not a year.
struct ProvinceTradeSeries {
    static let provinceScope = "heilongjiang_russia_trade"
    static let nationalScope = "china_russia_trade"
    static let shareScope = "heilongjiang_share_of_china_russia_trade"
    static let billionUSD = "billion USD"
    static let percent = "percent"

    private struct Fact {
        let value: Double
        let line: Int
        let derived: Bool
        let confidence: String
        let unverified: Bool
        var ref: String { "trade:\(line)" }
        var relError: Double { TradeErrors.byConfidence(confidence, unverified: unverified) }
        /// Lower ranks first: reported before derived, then high, medium, low confidence.
        var rank: Int {
            let byConfidence = ["high": 0, "medium": 1, "low": 2][confidence] ?? 3
            return (derived ? 10 : 0) + (unverified ? 5 : 0) + byConfidence
        }
    }

    private struct Anchor {
        let share: Double
        let refs: [String]
        /// Set for a share row (its own confidence); nil for a ratio H/N.
        let relError: Double?
    }

    let byYear: [Int: ProvinceTrade]
    /// The errors the rule derived from the facts, for the builder's summary.
    let interpolatedShareError: Double
    let heldShareError: Double
    let interpolatedNationalError: Double
    /// Years with several province rows: the value used and the values set aside.
    let crossChecks: [String]

    /// The latest year with a China–Russia total in billion USD: the job's last year (RULES.md).
    static func latestNationalYear(_ table: CSVTable) throws -> Int? {
        try facts(table, scope: nationalScope, unit: billionUSD).chosen.keys.max()
    }

    init(_ table: CSVTable, years: ClosedRange<Int>) throws {
        let (province, provinceChecks) = try Self.facts(table, scope: Self.provinceScope, unit: Self.billionUSD)
        let (national, nationalChecks) = try Self.facts(table, scope: Self.nationalScope, unit: Self.billionUSD)
        let (shares, shareChecks) = try Self.facts(table, scope: Self.shareScope, unit: Self.percent)
        crossChecks = provinceChecks + nationalChecks + shareChecks

        var anchors: [Int: Anchor] = [:]
        for (year, share) in shares {
            anchors[year] = Anchor(share: share.value / 100, refs: [share.ref], relError: share.relError)
        }
        for (year, h) in province where anchors[year] == nil {
            if let n = national[year], n.value > 0 {
                anchors[year] = Anchor(share: h.value / n.value, refs: [h.ref, n.ref], relError: nil)
            }
        }
        let anchorList = anchors.keys.sorted().compactMap { year in anchors[year].map { (year: year, anchor: $0) } }
        guard !anchorList.isEmpty else {
            throw BuildError(file: table.file, "no share anchor: neither a share row nor a year with both province and national totals")
        }
        let shareError = TradeErrors.leaveOneOut(anchorList.map { ($0.year, $0.anchor.share) })
        let heldError = TradeErrors.logSpread(anchorList.map(\.anchor.share))
        let nationalError = TradeErrors.leaveOneOut(
            national.keys.sorted().compactMap { year in
                national[year].map { (year, $0.value) }
            })
        interpolatedShareError = shareError
        heldShareError = heldError
        interpolatedNationalError = nationalError

        var series: [Int: ProvinceTrade] = [:]
        for year in years {
            if let h = province[year] {
                series[year] = ProvinceTrade(
                    value: h.value, estimated: h.derived, relError: h.relError,
                    basis: h.derived ? "derived in facts" : "sourced", refs: [h.ref])
                continue
            }
            let n = try Self.nationalTotal(year, national, interpolationError: nationalError, file: table.file)
            let s = Self.share(year, anchorList, interpolationError: shareError, heldError: heldError)
            let basis = "\(s.kind) share × \(n.interpolated ? "interpolated " : "")national total"
            var refs: [String] = []
            for ref in n.refs + s.refs where !refs.contains(ref) { refs.append(ref) }
            series[year] = ProvinceTrade(
                value: n.value * s.value, estimated: true,
                relError: TradeErrors.combined(n.relError, s.relError),
                basis: basis, refs: refs)
        }
        byYear = series
    }

    /// Full-year rows of one scope and unit, by year; of several rows for a year the
    /// best ranked is chosen and the others are reported as cross-checks.
    private static func facts(
        _ table: CSVTable, scope: String, unit: String
    ) throws
        -> (chosen: [Int: Fact], crossChecks: [String])
    {
        var all: [Int: [Fact]] = [:]
        for row in table.rows where row["scope"] == scope && row["unit"] == unit {
            let year = try table.int(row, "year")
            let value = try table.double(row, "value")
            guard value >= 0 else {
                throw BuildError(file: table.file, line: row.line, "column 'value': negative trade value")
            }
            let source = row["source"].lowercased()
            all[year, default: []].append(
                Fact(
                    value: value, line: row.line, derived: source.hasPrefix("derived"),
                    confidence: row["confidence"],
                    unverified: source.trimmingCharacters(in: .whitespaces) == "unverified"))
        }
        var chosen: [Int: Fact] = [:]
        var checks: [String] = []
        for (year, rows) in all {
            // Stable: among equal ranks the first in the file wins.
            let ordered = rows.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element)
            guard let best = ordered.first else { continue }
            chosen[year] = best
            if ordered.count > 1 {
                let others = ordered.dropFirst().map { "\($0.value) (\($0.ref))" }.joined(separator: ", ")
                checks.append("\(scope) \(year): \(best.value) (\(best.ref)) used; set aside \(others)")
            }
        }
        return (chosen, checks.sorted())
    }

    /// N(y): the sourced total, or a linear interpolation between the nearest sourced years.
    private static func nationalTotal(
        _ year: Int, _ national: [Int: Fact], interpolationError: Double, file: String
    ) throws
        -> (value: Double, refs: [String], interpolated: Bool, relError: Double)
    {
        if let n = national[year] { return (n.value, [n.ref], false, n.relError) }
        let below = national.keys.filter { $0 < year }.max()
        let above = national.keys.filter { $0 > year }.min()
        guard let below, let above, let a = national[below], let b = national[above] else {
            throw BuildError(file: file, "no China–Russia total on both sides of \(year) to interpolate from")
        }
        let t = Double(year - below) / Double(above - below)
        return (a.value + (b.value - a.value) * t, [a.ref, b.ref], true, interpolationError)
    }

    /// s(y): the anchor of that year if any (a share row), else linear between the
    /// anchors around `year`, else held at the nearest anchor. `anchors` is sorted by year
    /// and not empty. The returned kind names the case for the `basis` column.
    private static func share(
        _ year: Int, _ anchors: [(year: Int, anchor: Anchor)],
        interpolationError: Double, heldError: Double
    )
        -> (value: Double, refs: [String], kind: String, relError: Double)
    {
        if let exact = anchors.first(where: { $0.year == year }) {
            return (exact.anchor.share, exact.anchor.refs, "sourced", exact.anchor.relError ?? interpolationError)
        }
        let below = anchors.last { $0.year < year }
        let above = anchors.first { $0.year > year }
        if let below, let above {
            let t = Double(year - below.year) / Double(above.year - below.year)
            let value = below.anchor.share + (above.anchor.share - below.anchor.share) * t
            return (value, below.anchor.refs + above.anchor.refs, "interpolated", interpolationError)
        }
        let nearest = below ?? above ?? anchors[0]
        return (nearest.anchor.share, nearest.anchor.refs, "held", heldError)
    }
}
