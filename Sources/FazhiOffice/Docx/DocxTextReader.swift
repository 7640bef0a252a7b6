import Foundation
import ZIPFoundation

/// The text of an uploaded .docx: the paragraphs of `word/document.xml` (`w:p`), each the run texts (`w:t`) it holds,
/// tabs and breaks as a space and a line break, one line per paragraph. Tables' paragraphs come in document order.
/// The package is checked as an .xlsx is (a ZIP, a bounded number of entries, the part's inflated size bounded as it
/// inflates), so a small upload cannot unpack into gigabytes.
public enum DocxTextReader {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notDocx
        case legacyDoc
        case tooLarge(limitBytes: Int)
        case malformed

        public var description: String {
            switch self {
            case .notDocx: "文件不是 Word 文档（.docx）"
            case .legacyDoc: "这是旧版 Word 文件（.doc），请在 Word 中另存为 .docx 后上传"
            case .tooLarge(let limit): "文档内容超过 \(limit / 1_048_576) MB 的上限"
            case .malformed: "Word 文档已损坏或格式不正确，无法读取正文"
            }
        }
    }

    /// The unpacked size of `word/document.xml` accepted.
    public static let partLimit = 64 * 1_048_576

    public static func text(of data: Data) throws -> String {
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { throw Problem.legacyDoc }
        guard data.starts(with: [0x50, 0x4B]), let archive = try? Archive(data: data, accessMode: .read) else { throw Problem.notDocx }
        var entries = 0
        var document: Entry?
        for entry in archive {
            entries += 1
            if entries > 1_000 { throw Problem.notDocx }
            if entry.path.replacingOccurrences(of: "\\", with: "/").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "/")) == "word/document.xml" {
                document = entry
            }
        }
        guard let document else { throw Problem.notDocx }
        if document.uncompressedSize > UInt64(partLimit) { throw Problem.tooLarge(limitBytes: partLimit) }
        var xml = Data()
        do {
            _ = try archive.extract(document, bufferSize: 64 * 1_024) { chunk in
                guard xml.count + chunk.count <= partLimit else { throw Problem.tooLarge(limitBytes: partLimit) }
                xml.append(chunk)
            }
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem.malformed
        }
        return try paragraphs(of: xml).joined(separator: "\n")
    }

    static func paragraphs(of xml: Data) throws -> [String] {
        do {
            return try XMLScanner.withUTF8(xml) { bytes in
                var scanner = XMLScanner(bytes)
                var paragraphs: [String] = []
                var current = ""
                var inText = false
                while let event = try scanner.next() {
                    switch event {
                    case .start(let name, _, let selfClosing):
                        let local = scanner.localName(name)
                        if scanner.equals(local, "t") && !selfClosing { inText = true }
                        else if scanner.equals(local, "tab") { current += " " }
                        else if scanner.equals(local, "br") || scanner.equals(local, "cr") { current += "\n" }
                    case .end(let name):
                        let local = scanner.localName(name)
                        if scanner.equals(local, "t") { inText = false }
                        else if scanner.equals(local, "p") {
                            paragraphs.append(current)
                            current = ""
                        }
                    case .text(let range):
                        if inText { current += try scanner.string(range) }
                    case .literal(let range):
                        if inText { current += String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
                    }
                }
                if !current.isEmpty { paragraphs.append(current) }
                return paragraphs
            }
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem.malformed
        }
    }
}
