import Foundation

/// What the coordinator checks every heartbeat to notice that `--authorized-keys`
/// changed: the names of its `*.pub` entries and, for each, the file they lead to
/// (`stat`, which follows symbolic links: device, inode, size, modification and
/// status-change times in nanoseconds).
///
/// A periodic stat rather than inotify: it is portable, it sees a Kubernetes Secret
/// update (an atomic swap of the `..data` symbolic link the entries point through,
/// which changes no entry of the folder itself), and it works on network file systems,
/// where inotify reports nothing. A few dozen `stat` calls a second cost microseconds.
/// Any difference triggers a full re-read (`AuthorizedKeys.scan`); the content decides
/// what changed.
package struct KeyFolderFingerprint: Sendable, Hashable {
    struct Entry: Sendable, Hashable {
        var name: String
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: Int64
        var changed: Int64
    }

    private var entries: [Entry]

    /// The folder's fingerprint now; nil when it cannot be listed.
    package static func take(folder: String) -> KeyFolderFingerprint? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        var entries: [Entry] = []
        for name in names.sorted() where AuthorizedKeys.isKeyFile(name) {
            var info = stat()
            let path = (folder as NSString).appendingPathComponent(name)
            guard stat(path, &info) == 0 else {
                // A dangling link or a file removed meanwhile: its name alone still counts.
                entries.append(Entry(name: name, device: 0, inode: 0, size: -1, modified: 0, changed: 0))
                continue
            }
            #if canImport(Darwin)
                let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
            #else
                let (modified, changed) = (info.st_mtim, info.st_ctim)
            #endif
            entries.append(
                Entry(
                    name: name, device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                    modified: Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec),
                    changed: Int64(changed.tv_sec) * 1_000_000_000 + Int64(changed.tv_nsec)))
        }
        return KeyFolderFingerprint(entries: entries)
    }
}
