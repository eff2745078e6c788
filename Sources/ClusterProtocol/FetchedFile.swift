/// A result file as FILES lists it.
package struct FetchedFile: Decodable {
    package var name: String
    package var size: Int
    package var sha256: String
}
