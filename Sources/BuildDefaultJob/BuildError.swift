/// A problem that stops the build, located in the file (and line) at fault.
///
/// The builder never writes partial outputs: every check runs before the first
/// file is written.
struct BuildError: Error, CustomStringConvertible {
    var file: String
    var line: Int?
    var message: String

    init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
