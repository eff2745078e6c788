/// A read past the end of the bytes: the data is truncated or a count in it is wrong.
public struct ByteCodecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the read started.
    public var offset: Int
    /// Bytes the read needed.
    public var needed: Int
    /// Bytes that were left.
    public var remaining: Int

    @inlinable
    public init(offset: Int, needed: Int, remaining: Int) {
        self.offset = offset
        self.needed = needed
        self.remaining = remaining
    }

    public var description: String { "needs \(needed) more bytes at byte \(offset), \(remaining) left" }
}
