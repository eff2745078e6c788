import Foundation
import TestSupport
import XCTest

/// The rule of jobs/heilongjiang-far-east/RULES.md, run by the `build-default-job`
/// process on a small invented fact set whose links.csv was worked out by hand
/// (below): ports and the equal split, share × national total with interpolation,
/// rel_error from confidence and the leave-one-out check, an agreement superseded by
/// the bridge it is about, two facilities on one pair cut into one run of weight 2, a
/// programme ending by its term, a confirmation attached to its tie, a note making
/// nothing. Bad readings stop the build with exit status 2 and a located message.
final class DefaultJobRuleTests: XCTestCase {
    static let places = """
        id,name_en,name_local,country,kind,scale,region,lat,lon,source,confidence,note
        a,A,A,CN,border_port,local,Heilongjiang,45.0,131.0,s,high,
        b,B,B,RU,border_port,local,Primorsky Krai,45.0,132.0,s,high,
        c,C,C,CN,city,regional,Heilongjiang,46.0,130.0,s,high,
        d,D,D,RU,city,regional,Primorsky Krai,46.0,133.0,s,high,
        e,E,E,RU,city,local,Primorsky Krai,47.0,133.0,s,high,

        """
    /// Lines 2–10.
    static let events = """
        year,event_type,from_id,to_id,layer,description,source,confidence
        1998,port_opened,a,b,trade,port opens,s,high
        2002,port_opened,c,d,trade,port opens,s,high
        2001,trade_agreement,a,b,transport_corridor,agreement to build a bridge,s,high
        2003,bridge_opened,a,b,transport_corridor,bridge opens,s,high
        2003,corridor_opened,a,b,transport_corridor,route opens,s,high
        2000,policy,c,d,institutional,programme 2000-2001,s,high
        2001,park_established,c,b,industrial_park,park first reported,s,medium
        2002,port_upgraded,c,d,trade,port upgraded,s,high
        2002,rail_link,a,b,transport_corridor,construction starts,s,high

        """
    static let readings = """
        year,event_type,from_id,to_id,reading,object,layer,alt_layer,end,superseded_by,date_uncertainty,reason
        1998,port_opened,a,b,opens,port,trade,,,,0,r
        2002,port_opened,c,d,opens,port,trade,,,,0,r
        2001,trade_agreement,a,b,act,bridge,transport_corridor,institutional,,2003|bridge_opened|a|b,0,r
        2003,bridge_opened,a,b,opens,bridge,transport_corridor,,,,0,r
        2003,corridor_opened,a,b,opens,route,transport_corridor,,,,0,r
        2000,policy,c,d,act,programme,institutional,,2001,,0,r
        2001,park_established,c,b,opens,park,industrial_park,,,,2,r
        2002,port_upgraded,c,d,confirms,port,trade,,,,0,r
        2002,rail_link,a,b,note,,,,,,0,r

        """
    /// Lines 2–6: national 10, 24, 30 (2000, 2002, 2004); province 2.0 (2000, high), 6.0 (2004, medium).
    static let trade = """
        year,value,unit,scope,source,confidence,note
        2000,10,billion USD,china_russia_trade,s,high,
        2002,24,billion USD,china_russia_trade,s,high,
        2004,30,billion USD,china_russia_trade,s,high,
        2000,2.0,billion USD,heilongjiang_russia_trade,s,high,
        2004,6.0,billion USD,heilongjiang_russia_trade,s,medium,

        """
    static let volumes = """
        year,port_id,value,unit,source,confidence,note
        2004,a,1.0,million tonnes,s,high,

        """
    static let volumeReadings = """
        year,port_id,unit,reading,object,from_id,to_id,layer,start,date_uncertainty,reason
        2004,a,million tonnes,confirms,port,a,b,trade,,0,r

        """

    /// Worked out by hand. Shares: 2000 = 2/10 = 0.2 and 2004 = 6/30 = 0.2 (two anchors,
    /// so the leave-one-out share error is 0); national totals 2001 = 17 and 2003 = 27 by
    /// interpolation, with leave-one-out error |ln(20/24)| = 0.182 (2002 predicted from
    /// 2000 and 2004). H: 2000 2.0 (±0.02), 2001 3.4 (±0.182), 2002 4.8 (±0.02, national
    /// high), 2003 5.4 (±0.182), 2004 6.0 (±0.05, medium); split over 2 pairs from 2002.
    static let expectedLinks = """
        source,target,year,start,end,layer,weight,estimated,rel_error,date_uncertainty,alt_layer,basis,event_ref
        c,d,,2000,2001,institutional,1.000000,false,,0,,1 act in force,events:7
        a,b,2000,,,trade,2.000000,false,0.020,,,sourced,events:2;trade:5
        b,c,,2001,,industrial_park,1.000000,false,,2,,1 park operating,events:8
        a,b,2001,,,trade,3.400000,true,0.182,,,interpolated share × interpolated national total,events:2;trade:2;trade:3;trade:5;trade:6;trade:4
        a,b,,2001,2002,transport_corridor,1.000000,false,,0,institutional,1 corridor,events:4
        a,b,2002,,,trade,2.400000,true,0.020,,,interpolated share × national total; split over 2 port pairs,events:2;trade:3;trade:5;trade:2;trade:6;trade:4
        c,d,2002,,,trade,2.400000,true,0.020,,,interpolated share × national total; split over 2 port pairs,events:3;trade:3;trade:5;trade:2;trade:6;trade:4;events:9
        a,b,2003,,,trade,2.700000,true,0.182,,,interpolated share × interpolated national total; split over 2 port pairs,events:2;trade:3;trade:4;trade:5;trade:2;trade:6
        c,d,2003,,,trade,2.700000,true,0.182,,,interpolated share × interpolated national total; split over 2 port pairs,events:3;trade:3;trade:4;trade:5;trade:2;trade:6
        a,b,,2003,,transport_corridor,2.000000,false,,0,,2 corridors,events:5;events:6
        a,b,2004,,,trade,3.000000,false,0.050,,,sourced; split over 2 port pairs,events:2;trade:6;ports:2
        c,d,2004,,,trade,3.000000,false,0.050,,,sourced; split over 2 port pairs,events:3;trade:6

        """

    /// Writes the small job (with `readings` replaced when given) and runs the builder on it.
    func build(readings: String = DefaultJobRuleTests.readings) throws -> (job: URL, status: Int32, stderr: String) {
        let job = try Fixtures.temporaryDirectory("rule").appendingPathComponent("job")
        let facts = job.appendingPathComponent("facts")
        try FileManager.default.createDirectory(at: facts, withIntermediateDirectories: true)
        for (name, text) in [
            ("places.csv", Self.places), ("events.csv", Self.events), ("trade_by_year.csv", Self.trade),
            ("port_volumes_by_year.csv", Self.volumes),
        ] {
            try text.write(to: facts.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try readings.write(to: job.appendingPathComponent("event_readings.csv"), atomically: true, encoding: .utf8)
        try Self.volumeReadings.write(to: job.appendingPathComponent("volume_readings.csv"), atomically: true, encoding: .utf8)
        let result = try runProgram(
            Fixtures.binary.deletingLastPathComponent().appendingPathComponent("build-default-job"),
            [
                "--facts", facts.path, "--readings", job.appendingPathComponent("event_readings.csv").path,
                "--volume-readings", job.appendingPathComponent("volume_readings.csv").path,
                "--out", job.path, "--first-year", "2000",
            ])
        return (job, result.status, result.stderr)
    }

    func testLinksAreWhatTheRuleGivesByHand() throws {
        let result = try build()
        XCTAssertEqual(result.status, 0, result.stderr)
        let links = try String(contentsOf: result.job.appendingPathComponent("links.csv"), encoding: .utf8)
        XCTAssertEqual(links.split(separator: "\n"), Self.expectedLinks.split(separator: "\n"))
        let places = try String(contentsOf: result.job.appendingPathComponent("places.csv"), encoding: .utf8)
        XCTAssertEqual(places.split(separator: "\n").count, 5, "header + a, b, c, d (e has no tie)")
        XCTAssertTrue(result.stderr.contains("transport_corridor: 3 ties, 3 sourced, 0 estimated; 2 spell rows"), result.stderr)
        XCTAssertTrue(result.stderr.contains("trade: 2 port pairs; 8 link-year rows, 3 sourced, 5 estimated"), result.stderr)
    }

    func testBadReadingsStopTheBuild() throws {
        let cases: [(from: String, to: String, message: String)] = [
            (
                "2001,trade_agreement,a,b,act,bridge,transport_corridor,institutional",
                "2001,trade_agreement,a,b,act,bridge,institutional,transport_corridor",
                "event_readings.csv:4: column 'layer': 'institutional', but the object rule puts an act about 'bridge' on transport_corridor"
            ),
            (
                "2002,port_upgraded,c,d,confirms,port,trade", "2002,port_upgraded,c,d,confirms,park,industrial_park",
                "event_readings.csv:9: confirms a industrial_park tie of c–d in 2002, but the rule made none"
            ),
            (
                ",2003|bridge_opened|a|b,", ",2001|bridge_opened|a|b,",
                "event_readings.csv:4: column 'superseded_by': no row of facts/events.csv has the key 2001,bridge_opened,a,b"
            ),
            (
                "2000,policy,c,d,act,programme,institutional,,2001,", "2000,policy,c,d,act,programme,institutional,,1999,",
                "event_readings.csv:7: the tie ends in 1999, before it starts in 2000"
            ),
        ]
        for bad in cases {
            XCTAssertTrue(Self.readings.contains(bad.from), bad.from)
            let result = try build(readings: Self.readings.replacingOccurrences(of: bad.from, with: bad.to))
            XCTAssertEqual(result.status, 2, bad.message)
            XCTAssertTrue(result.stderr.contains(bad.message), "expected '\(bad.message)' in \(result.stderr)")
            XCTAssertFalse(
                FileManager.default.fileExists(atPath: result.job.appendingPathComponent("links.csv").path),
                "nothing written: \(bad.message)")
        }
    }
}
