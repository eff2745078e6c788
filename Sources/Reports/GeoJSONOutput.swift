import Analysis
import AtomicOutput
import Centrality
import CooperationNetwork
import Foundation

/// The baseline network of every stage as two RFC 7946 FeatureCollections
/// (WGS 84, positions [longitude, latitude]), one geometry type and one set of
/// property names and types per file, so that geopandas and QGIS read clean
/// columns (one mixed file, network_by_period.geojson until issue 16, made
/// pandas read `stage` and `cross_border` as floats with NaN):
///
/// - places_by_period.geojson: a Point per place with its mean centralities per
///   stage as flat properties (`stage_<k>_pagerank` …);
/// - links_by_period.geojson: a LineString (MultiLineString across the
///   antimeridian) per (stage, layer, pair), merged over the stage's years
///   (`StageNetwork`).
///
/// No foreign members, no `crs`. One feature per line, keys sorted: the files
/// are deterministic and diff line by line. Properties in docs/OUTPUTS.md.
package enum GeoJSONOutput {
    package static let placesFileName = "places_by_period.geojson"
    package static let linksFileName = "links_by_period.geojson"

    enum Property: Equatable {
        case string(String)
        case number(Double)
        case integer(Int)
        case bool(Bool)
    }

    enum Geometry {
        case point([Double])
        case lineString([[Double]])
        /// A line cut at the antimeridian (RFC 7946 §3.1.9).
        case multiLineString([[[Double]]])
    }

    struct Feature {
        var id: String
        var geometry: Geometry
        var properties: [String: Property]
    }

    /// places_by_period.geojson.
    package static func places(_ results: JobResults) -> OutputFile {
        let panel = results.job.panel
        let networks = StageNetwork.all(results)
        var features: [Feature] = []
        for (p, place) in panel.places.enumerated() {
            var properties: [String: Property] = [
                "feature": .string("place"), "id": .string(place.id), "name": .string(place.name),
                "country": .string(place.country), "kind": .string(place.kind),
                "scale": .string(place.scale.rawValue), "region": .string(place.region),
            ]
            for network in networks {
                let prefix = "stage_\(network.stage.number)_"
                for measure in StageNetwork.measures {
                    properties[prefix + measure.rawValue] = .number(network.mean(measure, place: p))
                }
                properties[prefix + "years_active"] = .integer(network.yearsActive[p])
            }
            features.append(
                Feature(
                    id: "place:" + place.id, geometry: .point(position(place)),
                    properties: properties))
        }
        return OutputFile(name: placesFileName, text: collection(features, bbox: boundingBox(panel.places)))
    }

    /// links_by_period.geojson.
    package static func links(_ results: JobResults) -> OutputFile {
        let panel = results.job.panel
        let networks = StageNetwork.all(results)
        var features: [Feature] = []
        for network in networks {
            let stage = network.stage
            for link in network.links {
                let a = panel.places[link.source]
                let b = panel.places[link.target]
                let layer = panel.layers[link.layer].rawValue
                let properties: [String: Property] = [
                    "feature": .string("link"), "stage": .integer(stage.number),
                    "stage_start": .integer(stage.startYear), "stage_end": .integer(stage.endYear),
                    "stage_name": .string(stage.name), "stage_label": .string(stage.label),
                    "layer": .string(layer), "source": .string(a.id), "target": .string(b.id),
                    "source_name": .string(a.name), "target_name": .string(b.name),
                    "cross_border": .bool(a.country != b.country),
                    "weight_total": .number(results.job.panel.roundedSum(link.weightTotal)), "weight_mean": .number(link.weightMean),
                    "years_active": .integer(link.yearsActive), "estimated_years": .integer(link.estimatedYears),
                    "length_km": .number(
                        GreatCircle.distanceKm(
                            lat1: a.latitude, lon1: a.longitude,
                            lat2: b.latitude, lon2: b.longitude)),
                ]
                features.append(
                    Feature(
                        id: "link:\(stage.number):\(layer):\(a.id):\(b.id)",
                        geometry: line(from: position(a), to: position(b)),
                        properties: properties))
            }
        }
        return OutputFile(name: linksFileName, text: collection(features, bbox: boundingBox(panel.places)))
    }

    /// A FeatureCollection, one feature per line.
    static func collection(_ features: [Feature], bbox: [Double]?) -> String {
        var text = "{\"type\": \"FeatureCollection\",\n"
        if let bbox {
            text += "\"bbox\": [" + bbox.map(JSONText.number).joined(separator: ",") + "],\n"
        }
        text += "\"features\": ["
        for (i, feature) in features.enumerated() {
            text += (i == 0 ? "\n" : ",\n") + json(feature)
        }
        text += "\n]}\n"
        return text
    }

    /// One feature as JSON, keys sorted (`JSONText`). Numbers of `.number` properties
    /// always carry a decimal point or an exponent (`0.0`, `1.1`, `2.5e-05`), integers
    /// never, so GDAL, geopandas and pandas type a column by its kind, not by whether its
    /// values happen to be whole.
    static func json(_ feature: Feature) -> String {
        var text = "{\"geometry\":" + json(feature.geometry) + ",\"id\":" + JSONText.string(feature.id) + ",\"properties\":{"
        // Keys in byte order (JSONEncoder's `.sortedKeys` order for these ASCII names), compared as UTF-8.
        for (i, key) in feature.properties.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            text += (i == 0 ? "" : ",") + JSONText.string(key) + ":"
            switch feature.properties[key] {
            case .string(let s)?: text += JSONText.string(s)
            case .number(let x)?: text += JSONText.number(x)
            case .integer(let n)?: text += String(n)
            case .bool(let b)?: text += b ? "true" : "false"
            case nil: text += "null"
            }
        }
        return text + "},\"type\":\"Feature\"}"
    }

    static func json(_ geometry: Geometry) -> String {
        func position(_ p: [Double]) -> String { "[" + p.map(JSONText.number).joined(separator: ",") + "]" }
        func line(_ l: [[Double]]) -> String { "[" + l.map(position).joined(separator: ",") + "]" }
        switch geometry {
        case .point(let p): return "{\"coordinates\":" + position(p) + ",\"type\":\"Point\"}"
        case .lineString(let l): return "{\"coordinates\":" + line(l) + ",\"type\":\"LineString\"}"
        case .multiLineString(let ls):
            return "{\"coordinates\":[" + ls.map(line).joined(separator: ",") + "],\"type\":\"MultiLineString\"}"
        }
    }

    /// RFC 7946 position: [longitude, latitude] in degrees.
    static func position(_ place: Place) -> [Double] { [place.longitude, place.latitude] }

    /// [west, south, east, north] over every place (nil without places).
    static func boundingBox(_ places: [Place]) -> [Double]? {
        guard let first = places.first else { return nil }
        var box = [first.longitude, first.latitude, first.longitude, first.latitude]
        for p in places {
            box[0] = min(box[0], p.longitude)
            box[1] = min(box[1], p.latitude)
            box[2] = max(box[2], p.longitude)
            box[3] = max(box[3], p.latitude)
        }
        return box
    }

    /// The straight segment between two positions; a segment spanning more than
    /// 180° of longitude takes the short way across the antimeridian and is cut
    /// there into a MultiLineString, as RFC 7946 §3.1.9 asks.
    static func line(from a: [Double], to b: [Double]) -> Geometry {
        let dLon = b[0] - a[0]
        guard abs(dLon) > 180 else { return .lineString([a, b]) }
        let edge = dLon > 0 ? -180.0 : 180.0  // the meridian a's side reaches
        let unwrappedB = b[0] - (dLon > 0 ? 360 : -360)  // b moved next to a
        let t = (edge - a[0]) / (unwrappedB - a[0])
        let lat = a[1] + t * (b[1] - a[1])
        return .multiLineString([[a, [edge, lat]], [[-edge, lat], b]])
    }
}
