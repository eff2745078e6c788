/// The province's full-year trade with Russia in one year, in billion USD
/// (nominal), with how it was obtained (RULES.md section 3).
struct ProvinceTrade {
    let value: Double
    /// True unless the value is a reported (not derived) province figure.
    let estimated: Bool
    /// Short text: `sourced`, `interpolated share × national total`, …
    let basis: String
    /// The fact rows used, as `trade:N` (line N of trade_by_year.csv).
    let refs: [String]
}
