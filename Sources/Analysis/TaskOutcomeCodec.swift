import ByteCodec
import Foundation

/// The compact binary form of a `TaskOutcome`, as workers send it and the
/// coordinator stores it (JSON took longer to decode than the replicates took
/// to compute, and aggregation is the one serial step of a job).
///
/// Layout (`ByteCodec`: integers and doubles little-endian, as the wire): magic "TBO2"; task i64; scenario
/// i64; a point flag u8, then the point (series: years [i64], columns [str],
/// rows × columns f64; periodization: breakpoints [i64], transition years
/// [i64], cost f64, stages — each: number, start, end i64; layer, scale
/// str; core places [str] ×2; means [f64]; name, runner-up layer str, margin
/// f64, runner-up scale str, margin f64); the replicate count u32, then each replicate
/// (transition years [i64], year labels [str], year scales [str], indicator rows u32 × columns
/// u32 f64). `[x]` is a u32 count followed by the items; `str` a u32 byte
/// count and UTF-8 bytes. Decoding checks every count against the bytes left,
/// so a truncated or corrupt result is an error, never a trap.
package enum TaskOutcomeCodec {
    static let magic: [UInt8] = Array("TBO2".utf8)

    package static func encode(_ outcome: TaskOutcome) -> Data {
        var out = Encoder()
        out.writer.append(magic)
        out.int(outcome.task)
        out.int(outcome.scenario)
        if let point = outcome.point {
            out.writer.appendUInt8(1)
            out.series(point.series)
            out.periodization(point.periodization)
        } else {
            out.writer.appendUInt8(0)
        }
        out.count(outcome.replicates.count)
        for r in outcome.replicates {
            out.ints(r.transitionYears)
            out.strings(r.yearLabels)
            out.strings(r.yearScales)
            out.matrix(r.indicators)
        }
        return Data(out.writer.bytes)
    }

    package static func decode(_ data: Data) throws -> TaskOutcome {
        do {
            return try outcome(from: Decoder(bytes: [UInt8](data)))
        } catch let error as ByteCodecError {
            throw CodecError("truncated: \(error)")
        }
    }

    private static func outcome(from decoder: Decoder) throws -> TaskOutcome {
        var input = decoder
        guard try Array(input.take(4)) == magic else { throw CodecError("not a TBO2 task outcome") }
        let task = try input.int()
        let scenario = try input.int()
        var point: ScenarioPoint? = nil
        switch try input.take(1).first {
        case 0: break
        case 1: point = ScenarioPoint(series: try input.series(), periodization: try input.periodization())
        default: throw CodecError("bad point flag")
        }
        let count = try input.count(minimumItemBytes: 12)
        var replicates: [ReplicateOutcome] = []
        replicates.reserveCapacity(count)
        for _ in 0..<count {
            replicates.append(
                ReplicateOutcome(
                    transitionYears: try input.ints(), yearLabels: try input.strings(),
                    yearScales: try input.strings(), indicators: try input.rowMatrix()))
        }
        guard input.isAtEnd else { throw CodecError("trailing bytes") }
        return TaskOutcome(task: task, scenario: scenario, point: point, replicates: replicates)
    }

    /// A result that does not decode.
    package struct CodecError: Error, CustomStringConvertible {
        package var description: String
        init(_ description: String) { self.description = description }
    }

    /// Writes the layout above (`ByteWriter`'s little-endian values).
    struct Encoder {
        var writer = ByteWriter(capacity: 0)

        mutating func count(_ n: Int) { writer.appendUInt32(UInt32(n)) }
        mutating func int(_ v: Int) { writer.appendInt64(Int64(v)) }
        mutating func double(_ v: Double) { writer.appendDouble(v) }
        mutating func ints(_ v: [Int]) {
            count(v.count)
            for x in v { int(x) }
        }
        mutating func doubles(_ v: [Double]) { writer.appendDoubles(v) }
        mutating func string(_ s: String) {
            count(s.utf8.count)
            writer.appendUTF8(s)
        }
        mutating func strings(_ v: [String]) {
            count(v.count)
            for s in v { string(s) }
        }

        mutating func matrix(_ rows: [[Double]]) {
            count(rows.count)
            count(rows.first?.count ?? 0)
            for row in rows { doubles(row) }
        }

        /// The same bytes as `matrix(_: [[Double]])` of its rows.
        mutating func matrix(_ m: RowMatrix) {
            count(m.rowCount)
            count(m.columnCount)
            doubles(m.values)
        }

        mutating func series(_ s: IndicatorSeries) {
            ints(s.years)
            strings(s.columns)
            matrix(s.values)
        }

        mutating func periodization(_ p: Periodization) {
            ints(p.breakpoints)
            ints(p.transitionYears)
            double(p.cost)
            count(p.stages.count)
            for stage in p.stages {
                int(stage.number)
                int(stage.startYear)
                int(stage.endYear)
                string(stage.dominantLayer)
                string(stage.dominantScale)
                strings(stage.corePlaces)
                strings(stage.corePlacesByBetweenness)
                count(stage.indicatorMeans.count)
                doubles(stage.indicatorMeans)
                string(stage.name)
                string(stage.runnerUpLayer)
                double(stage.layerMargin)
                string(stage.runnerUpScale)
                double(stage.scaleMargin)
            }
        }
    }

    /// Reads the layout above with a `ByteReader` (which checks the bytes left before
    /// every read); counts are checked against the bytes left before anything is allocated.
    struct Decoder {
        var reader: ByteReader
        /// Strings already decoded (year labels repeat in every replicate), with where
        /// each first appeared in the bytes: the same bytes give back the same `String`
        /// without validating or allocating again.
        private var interned: [(bytes: Range<Int>, string: String)] = []

        init(bytes: [UInt8]) { reader = ByteReader(bytes) }

        var isAtEnd: Bool { reader.isAtEnd }

        mutating func take(_ n: Int) throws -> ArraySlice<UInt8> { try reader.read(count: n) }
        /// A count, checked against the bytes left (each item takes at least `minimumItemBytes`).
        mutating func count(minimumItemBytes: Int) throws -> Int {
            let n = Int(try reader.readUInt32())
            guard n * max(minimumItemBytes, 0) <= reader.remaining else { throw CodecError("count \(n) exceeds the data") }
            return n
        }
        mutating func int() throws -> Int { Int(try reader.readInt64()) }
        mutating func double() throws -> Double { try reader.readDouble() }
        mutating func ints() throws -> [Int] {
            let n = try count(minimumItemBytes: 8)
            return try Array(unsafeUninitializedCapacity: n) { buffer, initialized in
                for i in 0..<n {
                    buffer[i] = try int()
                    initialized = i + 1
                }
            }
        }
        mutating func doubles(_ n: Int) throws -> [Double] { try reader.readDoubles(count: n) }
        mutating func string() throws -> String {
            let n = try count(minimumItemBytes: 1)
            let start = try reader.advance(by: n)
            return try reader.bytes.withUnsafeBufferPointer { all -> String in
                let utf8 = UnsafeBufferPointer(rebasing: all[start..<start + n])
                for known in interned
                where known.bytes.count == n
                    && (n == 0 || memcmp(all.baseAddress! + known.bytes.lowerBound, all.baseAddress! + start, n) == 0)
                {
                    return known.string
                }
                guard let s = String(validating: utf8, as: UTF8.self) else { throw CodecError("invalid UTF-8") }
                if interned.count < 64 { interned.append((start..<start + n, s)) }
                return s
            }
        }
        mutating func strings() throws -> [String] { try (0..<count(minimumItemBytes: 4)).map { _ in try string() } }
        mutating func matrix() throws -> [[Double]] {
            let (rows, columns) = try matrixShape()
            return try (0..<rows).map { _ in try doubles(columns) }
        }

        /// A matrix as one flat array (one allocation, not one per row).
        mutating func rowMatrix() throws -> RowMatrix {
            let (rows, columns) = try matrixShape()
            return RowMatrix(rowCount: rows, columnCount: columns, values: try doubles(rows * columns))
        }

        private mutating func matrixShape() throws -> (rows: Int, columns: Int) {
            let rows = try count(minimumItemBytes: 0)
            let columns = try count(minimumItemBytes: 0)
            // An empty row takes no bytes, so only "no rows" may have no columns.
            let left = reader.remaining
            guard columns > 0 || rows == 0, rows <= left, columns <= left, rows * columns <= left / 8 else {
                throw CodecError("matrix of \(rows) × \(columns) does not fit the data")
            }
            return (rows, columns)
        }
        mutating func series() throws -> IndicatorSeries {
            IndicatorSeries(years: try ints(), columns: try strings(), values: try matrix())
        }

        mutating func periodization() throws -> Periodization {
            let breakpoints = try ints()
            let transitions = try ints()
            let cost = try double()
            let n = try count(minimumItemBytes: 24)
            var stages: [Stage] = []
            for _ in 0..<n {
                let number = try int()
                let start = try int()
                let end = try int()
                let layer = try string()
                let scale = try string()
                let core = try strings()
                let coreB = try strings()
                let means = try doubles(try count(minimumItemBytes: 8))
                let name = try string()
                var stage = Stage(
                    number: number, startYear: start, endYear: end, dominantLayer: layer,
                    dominantScale: scale, corePlaces: core, corePlacesByBetweenness: coreB,
                    indicatorMeans: means, name: name)
                stage.runnerUpLayer = try string()
                stage.layerMargin = try double()
                stage.runnerUpScale = try string()
                stage.scaleMargin = try double()
                stages.append(stage)
            }
            return Periodization(breakpoints: breakpoints, transitionYears: transitions, stages: stages, cost: cost)
        }
    }
}
