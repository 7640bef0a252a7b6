import Vapor

/// The decoder of every `multipart/form-data` body (uploads and the forms around them): MultipartKit's, behind a
/// check of what that parser cannot take without stopping the process.
///
/// MultipartKit 4.7.1 traps on two inputs a client controls: a part header whose name holds a byte of 0x80 or more
/// (its character table has 128 entries and is indexed by the byte), and an empty `boundary=` parameter (a
/// precondition). Both are refused here with 400, before the parser sees them; everything else goes to the parser
/// unchanged, whose own syntax errors are 400 as well (`FazhiErrorMiddleware`).
struct CheckedFormDataDecoder: ContentDecoder {
    private let decoder = FormDataDecoder()

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(
        _ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: Sendable]
    ) throws -> D {
        guard let boundary = headers.contentType?.parameters["boundary"] else {
            throw Abort(.unsupportedMediaType)
        }
        guard !boundary.isEmpty else {
            throw Self.malformed("Content-Type 的 boundary 参数不能为空")
        }
        if let part = MultipartHeaderNames.firstPartWithNonASCIIName(in: body.readableBytesView, boundary: boundary) {
            throw Self.malformed("第 \(part) 部分的标头名含有非 ASCII 字符")
        }
        return try decoder.decode(D.self, from: body, headers: headers, userInfo: userInfo)
    }

    static func malformed(_ detail: String) -> Abort {
        Abort(.badRequest, reason: "请求格式有误：上传内容不是有效的 multipart/form-data（\(detail)）", identifier: "bad_request")
    }
}

/// Finds part headers whose names are not ASCII, as a superset of what a multipart parser reads as header names.
///
/// Every header block a parser can enter begins right after an occurrence of `--boundary` followed by CR LF (after
/// the preamble's first delimiter, or after a CR LF `--boundary` in a body) and ends at the first empty line. Each
/// line of such a block is `name: value`; the name is what precedes the line's first colon. Scanning after *every*
/// occurrence of `--boundary`, not only those the parser would take as delimiters, can only find more blocks, so a
/// body this accepts never hands the parser a header-name byte of 0x80 or more.
enum MultipartHeaderNames {
    /// The 1-based number of the first block (in the order found) whose header names are not all ASCII, or nil.
    static func firstPartWithNonASCIIName<Bytes: RandomAccessCollection>(in body: Bytes, boundary: String) -> Int?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let delimiter = Array("--\(boundary)".utf8)
        var part = 0
        var searchFrom = body.startIndex
        while let found = firstIndex(of: delimiter, in: body, from: searchFrom) {
            var cursor = found + delimiter.count
            searchFrom = found + 1
            guard startsWithCRLF(body, at: cursor) else { continue }
            part += 1
            cursor += 2
            // Header lines until an empty line (or the end of the body).
            while cursor < body.endIndex, !startsWithCRLF(body, at: cursor) {
                var inName = true
                while cursor < body.endIndex, !startsWithCRLF(body, at: cursor) {
                    let byte = body[cursor]
                    if byte == UInt8(ascii: ":") { inName = false }
                    if inName, byte >= 0x80 { return part }
                    cursor += 1
                }
                cursor += 2
            }
        }
        return nil
    }

    private static func startsWithCRLF<Bytes: RandomAccessCollection>(_ body: Bytes, at index: Int) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        index + 1 < body.endIndex && body[index] == 13 && body[index + 1] == 10
    }

    private static func firstIndex<Bytes: RandomAccessCollection>(of needle: [UInt8], in body: Bytes, from start: Int) -> Int?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        guard let first = needle.first, body.endIndex - start >= needle.count else { return nil }
        var index = start
        let last = body.endIndex - needle.count
        while index <= last {
            if body[index] == first, body[index ..< index + needle.count].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
