import Foundation

// Builds jobs/heilongjiang-far-east/{places,links}.csv from the facts copied in
// the repository, by the rule of jobs/heilongjiang-far-east/RULES.md.
// Exit status 2 on bad input (nothing written), 0 on success.

func buildDefaultJob(_ arguments: BuildArguments) throws -> String {
    let placesTable = try CSVTable.read(
        arguments.facts.appendingPathComponent("places.csv"), name: "facts/places.csv",
        required: [
            "id", "name_en", "name_local", "country", "kind", "scale", "region",
            "lat", "lon", "source", "confidence", "note",
        ])
    let eventsTable = try CSVTable.read(
        arguments.facts.appendingPathComponent("events.csv"), name: "facts/events.csv",
        required: [
            "year", "event_type", "from_id", "to_id", "layer", "description",
            "source", "confidence",
        ])
    let tradeTable = try CSVTable.read(
        arguments.facts.appendingPathComponent("trade_by_year.csv"),
        name: "facts/trade_by_year.csv",
        required: ["year", "value", "unit", "scope", "source", "confidence", "note"])
    let volumesTable = try CSVTable.read(
        arguments.facts.appendingPathComponent("port_volumes_by_year.csv"),
        name: "facts/port_volumes_by_year.csv",
        required: ["year", "port_id", "value", "unit", "source", "confidence", "note"])
    let eventReadings = try CSVTable.read(arguments.readings, name: "event_readings.csv", required: Readings.eventColumns)
    let volumeReadings = try CSVTable.read(
        arguments.volumeReadings, name: "volume_readings.csv",
        required: Readings.volumeColumns)

    let events = try FactEvent.load(eventsTable)
    let volumes = try FactVolume.load(volumesTable)
    let readings = try Readings(
        events: eventReadings, events, eventsFile: eventsTable.file,
        volumes: volumeReadings, volumes, volumesFile: volumesTable.file)

    // Last year: the latest year with a China–Russia total in billion USD (RULES.md).
    guard let lastYear = try ProvinceTradeSeries.latestNationalYear(tradeTable), lastYear >= arguments.firstYear else {
        throw BuildError(file: tradeTable.file, "no China–Russia total in billion USD at or after \(arguments.firstYear)")
    }
    let years = arguments.firstYear...lastYear
    let trade = try ProvinceTradeSeries(tradeTable, years: years)
    let read = try TieRule(years: years).read(events: events, volumes: volumes, readings: readings)
    let runs = SpellRuns(read.ties, years: years)
    var links = try TradeLinks.links(read.ports, trade, years: years, file: tradeTable.file) + runs.links(last: lastYear)
    try TradeLinks.attach(read.confirmations, to: &links, last: lastYear)

    let trace = TraceIndex(events: events, volumes: volumes, readings: readings, trade: tradeTable)
    let output = try JobOutput(places: placesTable, links: links, years: years, trace: trace)
    try output.write(to: arguments.out)
    return BuildSummary.text(
        places: output.placeCount, links: links, ties: read.ties, ports: read.ports,
        runs: runs, trade: trade, years: years)
}

do {
    let arguments = try BuildArguments(Array(CommandLine.arguments.dropFirst()))
    FileHandle.standardError.write(Data(try buildDefaultJob(arguments).utf8))
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(2)
}
