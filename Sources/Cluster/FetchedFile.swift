/// A result file as FILES lists it.
struct FetchedFile: Decodable {
    var name: String
    var size: Int
    var sha256: String
}
