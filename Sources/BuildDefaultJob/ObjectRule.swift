/// RULES.md section 2: the layer of a tie follows from what the row is about
/// (its object), not from the facts' layer tag. An act about a corridor, railway,
/// bridge, pipeline or route is a corridor tie; an act about a park is a park tie.
enum ObjectRule {
    static let corridorObjects: Set<String> = ["corridor", "railway", "bridge", "pipeline", "route"]
    static let institutionalObjects: Set<String> = ["port", "city", "zone", "programme", "treaty", "law", "border"]

    /// The layer a reading of `kind` about `object` belongs to, or nil if the pair
    /// is not in the rule's table (an opening of a concept, an act about trade, …).
    static func layer(_ kind: ReadingKind, object: String) -> String? {
        switch kind {
        case .opens:
            if object == "port" { return LinkLayer.trade }
            if object == "park" { return LinkLayer.industrialPark }
            if object != "corridor" && corridorObjects.contains(object) { return LinkLayer.transportCorridor }
            return nil
        case .act:
            if corridorObjects.contains(object) { return LinkLayer.transportCorridor }
            if object == "park" { return LinkLayer.industrialPark }
            if institutionalObjects.contains(object) { return LinkLayer.institutional }
            return nil
        case .confirms, .note:
            return nil
        }
    }
}
