import Foundation

// Builds jobs/heilongjiang-far-east/{places,links}.csv from the facts copied in
// the repository, by the rule of jobs/heilongjiang-far-east/RULES.md.
// Exit status 2 on bad input (nothing written), 0 on success.

func buildDefaultJob(_ arguments: BuildArguments) throws -> String {
    let placesTable = try CSVTable.read(arguments.facts.appendingPathComponent("places.csv"), name: "facts/places.csv",
                                        required: ["id", "name_en", "name_local", "country", "kind", "scale", "region",
                                                   "lat", "lon", "source", "confidence", "note"])
    let eventsTable = try CSVTable.read(arguments.facts.appendingPathComponent("events.csv"), name: "facts/events.csv",
                                        required: ["year", "event_type", "from_id", "to_id", "layer", "description",
                                                   "source", "confidence"])
    let tradeTable = try CSVTable.read(arguments.facts.appendingPathComponent("trade_by_year.csv"),
                                       name: "facts/trade_by_year.csv",
                                       required: ["year", "value", "unit", "scope", "source", "confidence", "note"])
    let readingsTable = try CSVTable.read(arguments.readings, name: "event_readings.csv",
                                          required: ["year", "event_type", "from_id", "to_id", "reading", "reason"])

    let events = try FactEvent.load(eventsTable)
    let readings = try EventReading.load(readingsTable, events: events, eventsFile: eventsTable.file)

    // Last year: the latest year with a China–Russia total in billion USD (RULES.md).
    guard let lastYear = try ProvinceTradeSeries.latestNationalYear(tradeTable), lastYear >= arguments.firstYear else {
        throw BuildError(file: tradeTable.file, "no China–Russia total in billion USD at or after \(arguments.firstYear)")
    }
    let years = arguments.firstYear...lastYear
    let trade = try ProvinceTradeSeries(tradeTable, years: years)
    let links = try LinkRule(years: years).links(events: events, readings: readings, trade: trade,
                                                 eventsFile: eventsTable.file)
    let output = try JobOutput(places: placesTable, links: links)
    try output.write(to: arguments.out)

    let estimatedYears = years.filter { trade.byYear[$0]?.estimated ?? false }
    var summary = "build-default-job: \(output.placeCount) places, \(links.count) links, years \(years.lowerBound)-\(years.upperBound)\n"
    summary += "province trade (billion USD):\n"
    for year in years {
        guard let t = trade.byYear[year] else { continue }
        summary += "  \(year) \(String(format: "%8.3f", t.value)) \(t.estimated ? "estimated" : "         ") \(t.basis)\n"
    }
    summary += "estimated trade years: \(estimatedYears.map(String.init).joined(separator: " "))\n"
    return summary
}

do {
    let arguments = try BuildArguments(Array(CommandLine.arguments.dropFirst()))
    FileHandle.standardError.write(Data(try buildDefaultJob(arguments).utf8))
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(2)
}
