import Foundation

/// A string compared, hashed and ordered by its UTF-8 bytes, as the database's unique index and `ORDER BY` compare
/// text. An importer keys 100,000 rows by their natural key; Swift's own `String` hashing first normalises
/// every non-ASCII string to NFC, which cost more than the rest of checking a row.
struct UTF8Key: Hashable, Comparable, Sendable {
    let text: String

    init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()
        self.text = text
    }

    static func == (lhs: UTF8Key, rhs: UTF8Key) -> Bool {
        lhs.withBytes { left in
            rhs.withBytes { right in
                left.count == right.count && (left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
            }
        }
    }

    static func < (lhs: UTF8Key, rhs: UTF8Key) -> Bool {
        lhs.withBytes { left in
            rhs.withBytes { right in
                let common = min(left.count, right.count)
                let order = common == 0 ? 0 : memcmp(left.baseAddress!, right.baseAddress!, common)
                return order != 0 ? order < 0 : left.count < right.count
            }
        }
    }

    func hash(into hasher: inout Hasher) {
        withBytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    private func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        text.utf8.withContiguousStorageIfAvailable(body) ?? Array(text.utf8).withUnsafeBufferPointer(body)
    }
}

extension UTF8Key {
    /// The indices of `texts` in the order of their UTF-8 bytes (stable for equal texts). The bytes are copied into one
    /// buffer first, so the sort compares memory without touching 100,000 reference counts.
    static func byteOrder(_ texts: [String]) -> [Int] {
        var bytes: [UInt8] = []
        var bounds: [Range<Int>] = []
        bounds.reserveCapacity(texts.count)
        for text in texts {
            let start = bytes.count
            bytes.append(contentsOf: text.utf8)
            bounds.append(start..<bytes.count)
        }
        return bytes.withUnsafeBufferPointer { buffer in
            bounds.withUnsafeBufferPointer { bounds in
                func precedes(_ a: Int, _ b: Int) -> Bool {
                    let left = bounds[a], right = bounds[b]
                    let common = min(left.count, right.count)
                    if common > 0 {
                        let order = memcmp(buffer.baseAddress! + left.lowerBound, buffer.baseAddress! + right.lowerBound, common)
                        if order != 0 { return order < 0 }
                    }
                    return left.count != right.count ? left.count < right.count : a < b
                }
                return texts.indices.sorted(by: precedes)
            }
        }
    }
}
