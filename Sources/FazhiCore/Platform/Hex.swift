extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal, two digits each (digests, keys, ids). Built from a table:
    /// `String(format: "%02x")` per byte cost a tenth of generating a year of cases, where every party's ID number is
    /// hashed (perf, 2026-12-03).
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
