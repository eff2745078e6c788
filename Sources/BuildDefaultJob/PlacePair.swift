/// An unordered pair of place ids, stored in lexicographic order so that
/// `heihe–blagoveshchensk` and `blagoveshchensk–heihe` are one pair.
struct PlacePair: Hashable, Comparable, CustomStringConvertible {
    let first: String
    let second: String

    init(_ a: String, _ b: String) {
        if a <= b {
            first = a
            second = b
        } else {
            first = b
            second = a
        }
    }

    var isSelfLoop: Bool { first == second }
    var description: String { "\(first)–\(second)" }

    static func < (lhs: PlacePair, rhs: PlacePair) -> Bool {
        (lhs.first, lhs.second) < (rhs.first, rhs.second)
    }
}
