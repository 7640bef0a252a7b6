@testable import FazhiOffice
import Foundation
import Testing

/// A CSV read chunk by chunk gives exactly what the same file read whole gives, whatever the chunk boundaries cut.
@Suite struct CSVStreamTests {
    /// Quoted fields with line breaks and "" escapes, an empty record, CRLF, LF and a lone CR, a trailing delimiter,
    /// multi-byte characters: every kind of place a chunk can end.
    static let text = "姓名,事由,金额\r\n张三,\"不服处罚决定，申请复议\",100\r\n\"李\"\"四\"\"\",\"第一行\r\n第二行\n第三行\",\r\n\n"
        + "王五,\"\"\"引号\"\"开头\",7\r王六,普通,8\n"
        + (0..<40).map { "行\($0),\"多行\n内容\($0)\",\($0)," }.joined(separator: "\n") + "\n末行,\"无换行结尾\",9"

    static func file(_ data: Data) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-stream-\(UUID().uuidString).csv").path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Every row the stream hands out, after its header.
    static func streamed(_ path: String, chunkBytes: Int, limits: SpreadsheetLimits = .commandLine) throws -> SpreadsheetTable? {
        guard let stream = try CSVStream(path: path, chunkBytes: chunkBytes, limits: limits) else { return nil }
        var rows: [SpreadsheetRow] = []
        while let next = try stream.next() { rows += next }
        return SpreadsheetTable(header: stream.header, rows: rows)
    }

    @Test("Any chunk size gives the whole-file reader's rows and row numbers, with or without BOM")
    func chunksMatchWholeFile() throws {
        for data in [Data(Self.text.utf8), Data([0xEF, 0xBB, 0xBF]) + Data(Self.text.utf8)] {
            let whole = try CSVReader(limits: .commandLine).read(data)
            #expect(whole.rows.count == 45)
            #expect(whole.rows.last?.number == 47)
            let path = try Self.file(data)
            defer { try? FileManager.default.removeItem(atPath: path) }
            for chunkBytes in Array(1...40) + [97, 1_000, 4 * 1_048_576] {
                #expect(try Self.streamed(path, chunkBytes: chunkBytes) == whole, "chunk of \(chunkBytes) bytes")
            }
        }
    }

    @Test("onRead sees every byte of the file once, in order, BOM included (the import hashes the file with it)")
    func showsEveryByteAsItIsRead() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data(Self.text.utf8)
        let path = try Self.file(data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var seen = Data()
        let stream = try #require(try CSVStream(path: path, chunkBytes: 7, onRead: { seen.append($0) }))
        while try stream.next() != nil {}
        #expect(seen == data)
    }

    @Test("GB18030 and UTF-16 are left to the whole-file reader")
    func otherEncodingsAreNotStreamed() throws {
        for data in [try CSVTests.gb18030(Self.text), Data([0xFF, 0xFE]) + Self.text.data(using: .utf16LittleEndian)!] {
            let path = try Self.file(data)
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(try CSVStream(path: path, chunkBytes: 16) == nil)
        }
    }

    @Test("The limits hold across chunks; an open quote at the end and bytes that stop being UTF-8 are errors")
    func limitsAndErrors() throws {
        var limits = SpreadsheetLimits.commandLine
        limits.rows = 10
        let path = try Self.file(Data(Self.text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: SpreadsheetError.tooManyRows(limit: 10)) { try Self.streamed(path, chunkBytes: 5, limits: limits) }
        limits = .commandLine
        limits.recordBytes = 64
        let long = try Self.file(Data(("a,b\n1,\"" + String(repeating: "长", count: 100) + "\"\n").utf8))
        defer { try? FileManager.default.removeItem(atPath: long) }
        #expect(throws: SpreadsheetError.recordTooLong(row: 2, limitBytes: 64)) { try Self.streamed(long, chunkBytes: 8, limits: limits) }

        let open = try Self.file(Data("a,b\n1,\"never closed\n2,3\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: open) }
        #expect(throws: SpreadsheetError.unterminatedQuote(row: 2)) { try Self.streamed(open, chunkBytes: 4) }

        let mixed = try Self.file(Data("a,b\n1,2\n3,4\n".utf8) + (try CSVTests.gb18030("张三,5\n")))
        defer { try? FileManager.default.removeItem(atPath: mixed) }
        #expect(throws: SpreadsheetError.invalidUTF8(row: 4)) { try Self.streamed(mixed, chunkBytes: 6) }
    }
}
