/// The nearest-rank rule of docs/METHODS.md §6: the q-percentile of n values is the
/// ⌈q·n⌉-th smallest, 1 ≤ rank ≤ n — the smallest value v with F(v) ≥ q.
///
/// The rule is stated in exact arithmetic, but q arrives as a binary fraction: the 95 %
/// interval's lower tail (1 − 0.95)/2 is 0.025000000000000022, so with 1,000 replicates
/// q·n is 25.000000000000021 and a plain ceiling gives rank 26 where the rule says 25. A
/// product within 1e-9 (relative) of an integer is taken as that integer: rounding errs
/// by about 1e-16 relative, while a product that is truly fractional lies, for the
/// levels used (tails of 2.5 %, 5 %, the median), at least 1/40 from an integer.
enum NearestRank {
    static func rank(_ q: Double, count n: Int) -> Int {
        let product = q * Double(n)
        let nearest = product.rounded()
        let exact = abs(product - nearest) <= 1e-9 * Swift.max(1, nearest) ? nearest : product.rounded(.up)
        return Swift.min(Swift.max(1, n), Swift.max(1, Int(exact)))
    }
}
