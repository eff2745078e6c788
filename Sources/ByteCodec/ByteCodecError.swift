/// A read past the end of the bytes: the data is truncated or a count in it is wrong.
package struct ByteCodecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the read started.
    package var offset: Int
    /// Bytes the read needed.
    package var needed: Int
    /// Bytes that were left.
    package var remaining: Int

    @inlinable
    package init(offset: Int, needed: Int, remaining: Int) {
        self.offset = offset
        self.needed = needed
        self.remaining = remaining
    }

    package var description: String { "needs \(needed) more bytes at byte \(offset), \(remaining) left" }
}
