import Foundation

/// log|det A| of a small dense matrix, by LU with partial pivoting (the
/// method of LAPACK `getrf` behind `numpy.linalg.slogdet`).
enum LogDeterminant {
    /// Overwrites `a` (row-major, order × order). Returns −∞ for a singular
    /// matrix, as `slogdet` does.
    static func logAbsDeterminant(_ a: UnsafeMutablePointer<Double>, order n: Int) -> Double {
        var logDet = 0.0
        for k in 0..<n {
            var pivotRow = k
            var pivotMagnitude = Swift.abs(a[k * n + k])
            for r in (k + 1)..<max(n, k + 1) where Swift.abs(a[r * n + k]) > pivotMagnitude {
                pivotRow = r
                pivotMagnitude = Swift.abs(a[r * n + k])
            }
            if pivotMagnitude == 0 { return -.infinity }
            if pivotRow != k {
                for c in k..<n { swap(&a[k * n + c], &a[pivotRow * n + c]) }
            }
            let pivot = a[k * n + k]
            logDet += log(pivotMagnitude)
            for r in (k + 1)..<max(n, k + 1) {
                let factor = a[r * n + k] / pivot
                if factor == 0 { continue }
                for c in (k + 1)..<n { a[r * n + c] -= factor * a[k * n + c] }
            }
        }
        return logDet
    }
}
