/// The province's full-year trade with Russia in one year, in billion USD
/// (nominal), with how it was obtained (RULES.md sections 4–5).
struct ProvinceTrade {
    let value: Double
    /// True unless the value is a directly reported province figure.
    let estimated: Bool
    /// Relative one-sd error from the basis (RULES.md section 5).
    let relError: Double
    /// Short text: `sourced`, `interpolated share × national total`, …
    let basis: String
    /// The fact rows used, as `trade:N` (line N of trade_by_year.csv).
    let refs: [String]
}
