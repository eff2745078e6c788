/// The scale at which a place acts in cross-border cooperation.
///
/// Follows the reference study's three scales: national capitals and
/// ministries, regional (province / krai / oblast) centres, local border towns
/// and ports.
package enum Scale: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case national
    case regional
    case local

    package static func < (lhs: Scale, rhs: Scale) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
