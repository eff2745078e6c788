/// Heilongjiang–Russia trade H(y) in billion USD for every year of the job,
/// from `trade_by_year.csv` by the rule of RULES.md section 3:
///
/// 1. a full-year province row in billion USD, if any (rows the facts mark as
///    derived are flagged estimated);
/// 2. otherwise N(y) × s(y): the China–Russia total (interpolated linearly when
///    missing) times the province's share, interpolated linearly between share
///    anchors and held at the nearest anchor outside them.
///
/// Rows in CNY, partial-year scopes and other scopes are never read: the facts
/// hold no exchange rate, and a part of a year is not a year.
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
        var ref: String { "trade:\(line)" }
    }

    private struct Anchor {
        let share: Double
        let refs: [String]
    }

    let byYear: [Int: ProvinceTrade]

    /// The latest year with a China–Russia total in billion USD: the job's last year (RULES.md).
    static func latestNationalYear(_ table: CSVTable) throws -> Int? {
        try facts(table, scope: nationalScope, unit: billionUSD).keys.max()
    }

    init(_ table: CSVTable, years: ClosedRange<Int>) throws {
        let province = try Self.facts(table, scope: Self.provinceScope, unit: Self.billionUSD)
        let national = try Self.facts(table, scope: Self.nationalScope, unit: Self.billionUSD)
        let shares = try Self.facts(table, scope: Self.shareScope, unit: Self.percent)

        var anchors: [Int: Anchor] = [:]
        for (year, share) in shares {
            anchors[year] = Anchor(share: share.value / 100, refs: [share.ref])
        }
        for (year, h) in province where anchors[year] == nil {
            if let n = national[year], n.value > 0 {
                anchors[year] = Anchor(share: h.value / n.value, refs: [h.ref, n.ref])
            }
        }
        let anchorList = anchors.keys.sorted().compactMap { year in anchors[year].map { (year: year, anchor: $0) } }
        guard !anchorList.isEmpty else {
            throw BuildError(file: table.file, "no share anchor: neither a share row nor a year with both province and national totals")
        }

        var series: [Int: ProvinceTrade] = [:]
        for year in years {
            if let h = province[year] {
                series[year] = ProvinceTrade(
                    value: h.value, estimated: h.derived,
                    basis: h.derived ? "derived in facts (value and growth rate)" : "sourced",
                    refs: [h.ref])
                continue
            }
            let (nValue, nRefs, nInterpolated) = try Self.nationalTotal(year, national, file: table.file)
            let (share, sRefs, shareKind) = Self.share(year, anchorList)
            let basis = "\(shareKind) share × "
                + "\(nInterpolated ? "interpolated " : "")national total"
            series[year] = ProvinceTrade(value: nValue * share, estimated: true, basis: basis, refs: nRefs + sRefs)
        }
        byYear = series
    }

    /// Full-year rows of one scope and unit, by year; a year given twice is an error.
    private static func facts(_ table: CSVTable, scope: String, unit: String) throws -> [Int: Fact] {
        var result: [Int: Fact] = [:]
        for row in table.rows where row["scope"] == scope && row["unit"] == unit {
            let year = try table.int(row, "year")
            let value = try table.double(row, "value")
            guard value >= 0 else {
                throw BuildError(file: table.file, line: row.line, "column 'value': negative trade value")
            }
            if let other = result[year] {
                throw BuildError(file: table.file, line: row.line,
                                 "second \(scope) value in \(unit) for \(year) (first on line \(other.line)); the rule needs one")
            }
            let derived = row["source"].lowercased().hasPrefix("derived")
            result[year] = Fact(value: value, line: row.line, derived: derived)
        }
        return result
    }

    /// N(y): the sourced total, or a linear interpolation between the nearest sourced years.
    private static func nationalTotal(_ year: Int, _ national: [Int: Fact], file: String) throws
        -> (value: Double, refs: [String], interpolated: Bool)
    {
        if let n = national[year] { return (n.value, [n.ref], false) }
        let below = national.keys.filter { $0 < year }.max()
        let above = national.keys.filter { $0 > year }.min()
        guard let below, let above, let a = national[below], let b = national[above] else {
            throw BuildError(file: file, "no China–Russia total on both sides of \(year) to interpolate from")
        }
        let t = Double(year - below) / Double(above - below)
        return (a.value + (b.value - a.value) * t, [a.ref, b.ref], true)
    }

    /// s(y): the anchor of that year if any (a share row), else linear between the
    /// anchors around `year`, else held at the nearest anchor. `anchors` is sorted by year
    /// and not empty. The returned kind names the case for the `basis` column.
    private static func share(_ year: Int, _ anchors: [(year: Int, anchor: Anchor)])
        -> (value: Double, refs: [String], kind: String)
    {
        if let exact = anchors.first(where: { $0.year == year }) {
            return (exact.anchor.share, exact.anchor.refs, "sourced")
        }
        let below = anchors.last { $0.year < year }
        let above = anchors.first { $0.year > year }
        if let below, let above {
            let t = Double(year - below.year) / Double(above.year - below.year)
            let value = below.anchor.share + (above.anchor.share - below.anchor.share) * t
            return (value, below.anchor.refs + above.anchor.refs, "interpolated")
        }
        let nearest = below ?? above ?? anchors[0]
        return (nearest.anchor.share, nearest.anchor.refs, "held")
    }
}
