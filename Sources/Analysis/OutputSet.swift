/// The periodized outputs of a job (everything but manifest.json, which the
/// runner writes because it records timings and the worker count).
public enum OutputSet {
    /// All result files, sorted by name. Deterministic: same job → same bytes.
    public static func files(_ results: JobResults) throws -> [ResultFile] {
        var files = [
            try PeriodsOutput.json(results),
            PeriodsOutput.csv(results),
            BreakpointsOutput.csv(results),
            SensitivityOutput.csv(results),
            TablesOutput.indicatorsByYear(results),
            TablesOutput.centralityByYear(results),
            TablesOutput.centralityByPeriod(results),
            TablesOutput.stageLabelsByYear(results),
        ]
        files += try extraWriters.flatMap { try $0(results) }
        return files.sorted { $0.name < $1.name }
    }

    /// Further writers (GeoJSON, HTML report) registered here by name so the
    /// set stays in one place.
    static let extraWriters: [@Sendable (JobResults) throws -> [ResultFile]] = [{ [try GeoJSONOutput.geojson($0)] }, { [ReportOutput.html($0)] }]
}
