import Foundation

/// A PDF's pages as poppler sees them: the page size from `pdfinfo`, every word with its box (points, origin at the
/// top left) from `pdftotext -bbox-layout`. The layout tests run only where poppler-utils and a CJK font are installed
/// (the README's test command installs poppler-utils and fonts-wqy-zenhei from Debian).
public struct PDFLayout {
    public struct Word {
        public let text: String
        public let xMin: Double, yMin: Double, xMax: Double, yMax: Double
    }

    /// One line of text as pdftotext groups it.
    public struct Line {
        public let words: [Word]
        public var text: String { words.map(\.text).joined() }
    }

    public struct Page {
        public let width: Double
        public let height: Double
        public let lines: [Line]
        public var words: [Word] { lines.flatMap(\.words) }
        /// The page's text without spaces or breaks, for finding a phrase that was wrapped.
        public var text: String { lines.map(\.text).joined() }
    }

    public let pages: [Page]
    /// Page sizes as `pdfinfo` reports them (width, height in points), page by page.
    public let pageSizes: [(width: Double, height: Double)]

    public static let pdftotext = executable("pdftotext")
    public static let pdfinfo = executable("pdfinfo")

    /// Whether fontconfig knows a font with Chinese glyphs (otherwise LibreOffice prints empty boxes).
    public static let hasCJKFont: Bool = {
        guard let fcList = executable("fc-list"), let output = try? run(fcList, [":lang=zh", "family"]) else { return false }
        return !output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }()

    public static var isAvailable: Bool { pdftotext != nil && pdfinfo != nil && hasCJKFont }

    public init(_ pdf: URL) throws {
        let info = try Self.run(Self.pdfinfo ?? "pdfinfo", ["-f", "1", "-l", "9999", pdf.path])
        pageSizes = info.split(separator: "\n").compactMap { line -> (width: Double, height: Double)? in
            // "Page    1 size: 595.304 x 841.89 pts (A4)"
            guard line.hasPrefix("Page "), line.contains(" size: ") else { return nil }
            let numbers = line.split(separator: ":", maxSplits: 1)[1].split(separator: " ").compactMap { Double($0) }
            return numbers.count >= 2 ? (numbers[0], numbers[1]) : nil
        }
        let xhtml = try Self.run(Self.pdftotext ?? "pdftotext", ["-bbox-layout", pdf.path, "-"])
        pages = xhtml.components(separatedBy: "<page ").dropFirst().map { chunk in
            let lines = chunk.components(separatedBy: "<line ").dropFirst().map { lineChunk in
                Line(words: lineChunk.components(separatedBy: "<word ").dropFirst().compactMap { wordChunk in
                    guard let close = wordChunk.firstIndex(of: ">"), let end = wordChunk.range(of: "</word>") else { return nil }
                    let attributes = String(wordChunk[..<close])
                    let text = String(wordChunk[wordChunk.index(after: close)..<end.lowerBound])
                    return Word(text: Self.unescape(text), xMin: Self.attribute("xMin", attributes), yMin: Self.attribute("yMin", attributes),
                                xMax: Self.attribute("xMax", attributes), yMax: Self.attribute("yMax", attributes))
                })
            }
            let tag = String(chunk.prefix { $0 != ">" })
            return Page(width: Self.attribute("width", tag), height: Self.attribute("height", tag), lines: Array(lines))
        }
    }

    private static func attribute(_ name: String, _ attributes: String) -> Double {
        guard let start = attributes.range(of: name + "=\"") else { return .nan }
        return Double(attributes[start.upperBound...].prefix { $0 != "\"" }) ?? .nan
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    private static func executable(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/", "/opt/homebrew/bin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `executable` and returns its standard output; throws when it exits with a failure.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ToolFailed(command: ([executable] + arguments).joined(separator: " "), status: process.terminationStatus) }
        return String(decoding: data, as: UTF8.self)
    }

    public struct ToolFailed: Error, CustomStringConvertible {
        public let command: String
        public let status: Int32
        public var description: String { "\(command) exited with \(status)" }
    }
}
