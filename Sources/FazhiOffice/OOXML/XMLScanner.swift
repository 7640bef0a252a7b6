import Foundation

/// A minimal pull tokenizer for the two big parts of an .xlsx, the worksheet and the shared strings.
/// Foundation's XMLParser costs about 2 µs a cell on Linux (a dictionary and several Strings per
/// element), which made reading a 100,000-row ledger take 1.4 s before any import rule ran; this
/// scanner works on the bytes in place and only makes a String for the values it is asked for.
///
/// It checks what a reader of OOXML needs checked (tags nest and close, attribute quotes, entities)
/// and refuses DOCTYPE declarations, which OOXML never uses and which are the door for entity
/// expansion attacks. It does not validate names or namespaces.
struct XMLScanner {
    enum Event {
        /// `name` and the raw attribute text, both as byte ranges of the input.
        case start(name: Range<Int>, attributes: Range<Int>, selfClosing: Bool)
        case end(name: Range<Int>)
        /// Character data still carrying its entity references.
        case text(Range<Int>)
        /// A CDATA section: character data taken literally.
        case literal(Range<Int>)
    }

    struct Malformed: Error {
        var offset: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    private var open: [Range<Int>] = []
    private var sawRoot = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    /// The next event, or nil at the end of a well-formed document.
    mutating func next() throws -> Event? {
        let count = bytes.count
        while position < count {
            if bytes[position] != lessThan {
                let start = position
                while position < count && bytes[position] != lessThan { position += 1 }
                if open.isEmpty {
                    // Only whitespace may sit outside the root element.
                    for byte in bytes[start..<position] where !XMLScanner.isSpace(byte) { throw Malformed(offset: start) }
                    continue
                }
                return .text(start..<position)
            }
            guard position + 1 < count else { throw Malformed(offset: position) }
            switch bytes[position + 1] {
            case UInt8(ascii: "?"):
                position = try skip(past: "?>", from: position + 2)
            case UInt8(ascii: "!"):
                if matches("<!--", at: position) {
                    position = try skip(past: "-->", from: position + 4)
                } else if matches("<![CDATA[", at: position), !open.isEmpty {
                    let start = position + 9
                    position = try skip(past: "]]>", from: start)
                    return .literal(start..<(position - 3))
                } else {
                    throw Malformed(offset: position)
                }
            case UInt8(ascii: "/"):
                let nameStart = position + 2
                var index = nameStart
                while index < count && !XMLScanner.isSpace(bytes[index]) && bytes[index] != greaterThan { index += 1 }
                let name = nameStart..<index
                while index < count && XMLScanner.isSpace(bytes[index]) { index += 1 }
                guard index < count, bytes[index] == greaterThan, let top = open.popLast(), same(top, name) else {
                    throw Malformed(offset: position)
                }
                position = index + 1
                return .end(name: name)
            default:
                let nameStart = position + 1
                var index = nameStart
                while index < count && !XMLScanner.isSpace(bytes[index]) && bytes[index] != greaterThan
                        && bytes[index] != slash { index += 1 }
                let name = nameStart..<index
                guard !name.isEmpty, !(open.isEmpty && sawRoot) else { throw Malformed(offset: position) }
                let attributesStart = index
                var quote: UInt8 = 0
                while index < count {
                    let byte = bytes[index]
                    if quote != 0 {
                        if byte == quote { quote = 0 }
                    } else if byte == doubleQuote || byte == singleQuote {
                        quote = byte
                    } else if byte == greaterThan || byte == lessThan {
                        break
                    }
                    index += 1
                }
                guard index < count, bytes[index] == greaterThan else { throw Malformed(offset: position) }
                let selfClosing = bytes[index - 1] == slash && index - 1 >= attributesStart
                let attributes = attributesStart..<(selfClosing ? index - 1 : index)
                position = index + 1
                sawRoot = true
                if !selfClosing { open.append(name) }
                return .start(name: name, attributes: attributes, selfClosing: selfClosing)
            }
        }
        guard open.isEmpty, sawRoot else { throw Malformed(offset: position) }
        return nil
    }

    // MARK: Reading what an event points at

    /// The name without its namespace prefix (`x:row` → `row`).
    func localName(_ name: Range<Int>) -> Range<Int> {
        var index = name.upperBound
        while index > name.lowerBound {
            if bytes[index - 1] == colon { return index..<name.upperBound }
            index -= 1
        }
        return name
    }

    func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != pointer[offset] { return false }
        return true
    }

    /// Calls `body` with each attribute's local name and raw value (without quotes).
    func forEachAttribute(in range: Range<Int>, _ body: (_ name: Range<Int>, _ value: Range<Int>) -> Void) throws {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            while index < end && XMLScanner.isSpace(bytes[index]) { index += 1 }
            guard index < end else { return }
            let nameStart = index
            while index < end && bytes[index] != equalsSign && !XMLScanner.isSpace(bytes[index]) { index += 1 }
            let name = nameStart..<index
            while index < end && XMLScanner.isSpace(bytes[index]) { index += 1 }
            guard index < end, bytes[index] == equalsSign, !name.isEmpty else { throw Malformed(offset: nameStart) }
            index += 1
            while index < end && XMLScanner.isSpace(bytes[index]) { index += 1 }
            guard index < end, bytes[index] == doubleQuote || bytes[index] == singleQuote else { throw Malformed(offset: index) }
            let quote = bytes[index]
            let valueStart = index + 1
            index = valueStart
            while index < end && bytes[index] != quote { index += 1 }
            guard index < end else { throw Malformed(offset: valueStart) }
            body(localName(name), valueStart..<index)
            index += 1
        }
    }

    /// Character data with entity references resolved; a plain copy when there are none.
    func string(_ range: Range<Int>) throws -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        guard slice.contains(where: { $0 == ampersand || $0 == carriageReturn }) else {
            return String(decoding: slice, as: UTF8.self)
        }
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == carriageReturn {
                // XML reads CRLF and a lone CR as one line feed.
                output.append(10)
                index += index + 1 < range.upperBound && bytes[index + 1] == 10 ? 2 : 1
                continue
            }
            guard byte == ampersand else {
                output.append(byte)
                index += 1
                continue
            }
            var end = index + 1
            while end < range.upperBound && bytes[end] != semicolon && end - index < 12 { end += 1 }
            guard end < range.upperBound, bytes[end] == semicolon else { throw Malformed(offset: index) }
            let entity = (index + 1)..<end
            if equals(entity, "amp") { output.append(ampersand) }
            else if equals(entity, "lt") { output.append(lessThan) }
            else if equals(entity, "gt") { output.append(greaterThan) }
            else if equals(entity, "quot") { output.append(doubleQuote) }
            else if equals(entity, "apos") { output.append(singleQuote) }
            else if entity.count > 1, bytes[entity.lowerBound] == UInt8(ascii: "#") {
                let hex = bytes[entity.lowerBound + 1] == UInt8(ascii: "x")
                let digits = String(decoding: UnsafeBufferPointer(rebasing: bytes[(entity.lowerBound + (hex ? 2 : 1))..<entity.upperBound]), as: UTF8.self)
                guard let value = UInt32(digits, radix: hex ? 16 : 10), let scalar = Unicode.Scalar(value) else {
                    throw Malformed(offset: index)
                }
                output.append(contentsOf: Array(String(Character(scalar)).utf8))
            } else {
                throw Malformed(offset: index)
            }
            index = end + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Small non-negative integers straight from the bytes (style indexes, shared-string indexes, row
    /// numbers): the most frequent values in a sheet, parsed without making a String.
    func integer(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for index in range {
            let byte = bytes[index]
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    /// The 1-based line of a byte offset, for the error message.
    func line(at offset: Int) -> Int {
        var line = 1
        for index in 0..<min(offset, bytes.count) where bytes[index] == 10 { line += 1 }
        return line
    }

    /// Runs `body` over the part as UTF-8 bytes. Excel writes UTF-8; a part saved as UTF-16 (allowed
    /// by OOXML, seen from old converters) is transcoded first.
    static func withUTF8<Result>(_ data: Data, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) throws -> Result {
        var data = data
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = data.first == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            guard let text = String(data: data.dropFirst(2), encoding: encoding) else { throw Malformed(offset: 0) }
            data = Data(text.utf8)
        }
        return try data.withUnsafeBytes { try body($0.bindMemory(to: UInt8.self)) }
    }

    // MARK: Private

    private func same(_ lhs: Range<Int>, _ rhs: Range<Int>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for offset in 0..<lhs.count where bytes[lhs.lowerBound + offset] != bytes[rhs.lowerBound + offset] { return false }
        return true
    }

    private func matches(_ literal: StaticString, at index: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        return equals(index..<(index + length), literal)
    }

    /// The index just past the next `terminator` at or after `start`.
    private func skip(past terminator: StaticString, from start: Int) throws -> Int {
        let length = terminator.utf8CodeUnitCount
        let first = terminator.utf8Start[0]
        var index = start
        while index + length <= bytes.count {
            if bytes[index] == first && matches(terminator, at: index) { return index + length }
            index += 1
        }
        throw Malformed(offset: start)
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 10 || byte == 13 || byte == 9
    }
}

private let lessThan = UInt8(ascii: "<"), greaterThan = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
private let doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'"), colon = UInt8(ascii: ":")
private let equalsSign = UInt8(ascii: "="), ampersand = UInt8(ascii: "&"), semicolon = UInt8(ascii: ";")
private let carriageReturn: UInt8 = 13
