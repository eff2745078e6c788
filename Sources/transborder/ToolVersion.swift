/// The tool's version, recorded in manifest.json.
enum ToolVersion {
    static let current = "0.1.0"
}
