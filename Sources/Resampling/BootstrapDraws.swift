/// The random draws of the bootstrap schemes, as pure functions of a stream.
///
/// What is resampled is decided here; what is recomputed from the resampled
/// data is decided by `Analysis`.
public enum BootstrapDraws {
    /// `links` scheme: one Poisson(1) multiplicity per link (per link-year row),
    /// in the order of the panel's links. A link drawn 0 times disappears from
    /// that replicate; one drawn k times carries k × its weight.
    public static func linkMultiplicities(count: Int, stream: inout RandomStream) -> [Int] {
        var out = [Int](repeating: 0, count: count)
        for i in 0..<count { out[i] = stream.nextPoissonOne() }
        return out
    }

    /// `residuals` scheme: for each segment (a range of rows), the rows whose
    /// residuals are used, drawn uniformly with replacement within the segment.
    /// Returns a row index for every row 0..<n.
    public static func residualRows(segments: [Range<Int>], stream: inout RandomStream) -> [Int] {
        var rows: [Int] = []
        for segment in segments {
            for _ in segment {
                rows.append(segment.lowerBound + stream.nextIndex(below: segment.count))
            }
        }
        return rows
    }

    /// `blocks` scheme: moving blocks of `blockLength` consecutive rows drawn
    /// within each segment (blocks never cross a segment boundary; a segment
    /// shorter than the block length is drawn as one block). Keeps the serial
    /// dependence of residuals within a stage (Künsch 1989's moving-block
    /// bootstrap, applied per segment so that the stage structure is kept).
    public static func blockRows(segments: [Range<Int>], blockLength: Int, stream: inout RandomStream) -> [Int] {
        var rows: [Int] = []
        for segment in segments {
            let length = max(1, min(blockLength, segment.count))
            let starts = segment.count - length + 1
            var filled = 0
            while filled < segment.count {
                let start = segment.lowerBound + stream.nextIndex(below: starts)
                for offset in 0..<length where filled < segment.count {
                    rows.append(start + offset)
                    filled += 1
                }
            }
        }
        return rows
    }
}
