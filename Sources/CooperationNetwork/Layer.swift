/// A layer of the multi-layer cooperation network.
///
/// The four built-in layers are those of the reference study; users may add
/// their own (any non-empty snake_case name), which then take part in layer
/// shares and stage labels like the built-in ones.
package struct Layer: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    package let rawValue: String

    package init(rawValue: String) { self.rawValue = rawValue }

    package static let trade = Layer(rawValue: "trade")
    package static let industrialPark = Layer(rawValue: "industrial_park")
    package static let transportCorridor = Layer(rawValue: "transport_corridor")
    package static let institutional = Layer(rawValue: "institutional")

    /// The layers of the reference study, in their conventional order.
    package static let builtIn: [Layer] = [.trade, .industrialPark, .transportCorridor, .institutional]

    package static func < (lhs: Layer, rhs: Layer) -> Bool { lhs.rawValue < rhs.rawValue }

    package var description: String { rawValue }

    /// Whether `name` is a valid layer name: lowercase letters, digits and `_`, starting with a letter.
    package static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// A human adjective for stage names, e.g. "trade-based", "industrial-park-based".
    package var stageAdjective: String {
        switch self {
        case .transportCorridor: return "transport-corridor-oriented"
        default: return String(rawValue.map { $0 == "_" ? "-" : $0 }) + "-based"
        }
    }
}
