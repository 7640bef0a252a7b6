@testable import FazhiOffice
@testable import FazhiServer
import FazhiTestSupport
import Foundation
import Testing

/// Every kind of document the standard app's lines issue (`ModuleRegistry.instrumentKinds`, so a new line's kinds join
/// by being declared), printed from its specimen case to .docx, through LibreOffice to PDF, and measured with poppler
/// against GB/T 9704-2012: A4, every word inside the 版心 (28 mm from the left, 37 mm from the top, 156 × 225 mm) except
/// the page number, "— n —" under the 版心 of every page (odd pages right, even left), the title and the number on the
/// first page, a title line never one character, the closing date printed and not alone on the last page. The box is
/// measured in millimetres from the standard, not from `GBT9704Layout`, so a wrong constant there fails here.
@Suite("Document layout through LibreOffice")
struct InstrumentLayoutTests {
    static let point = 72 / 25.4  // points per millimetre
    static let typeArea = (left: 28 * point, top: 37 * point, right: (28 + 156) * point, bottom: (37 + 225) * point)
    /// Glyph boxes are the font's ascent and descent, a little taller than the em the layout sets.
    static let tolerance = 3.0

    @Test("Every document kind prints on A4 inside the type area, numbered, with its title and number on page 1",
          .enabled(if: LibreOffice.soffice != nil && PDFLayout.isAvailable, "needs LibreOffice, poppler-utils and a CJK font"),
          .timeLimit(.minutes(3)))
    func everyKindPrintsWithinTheTypeArea() async throws {
        let kinds = ModuleRegistry.standard.instrumentKinds
        #expect(kinds.count >= 13, "the registry lists \(kinds.count) document kinds")
        // FAZHI_LAYOUT_OUT=<folder> keeps the .docx and .pdf files there, to look at what failed.
        let kept = ProcessInfo.processInfo.environment["FAZHI_LAYOUT_OUT"].map { URL(fileURLWithPath: $0) }
        let directory = kept ?? FileManager.default.temporaryDirectory.appendingPathComponent("fazhi-layout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { if kept == nil { try? FileManager.default.removeItem(at: directory) } }

        var printed: [(name: String, document: OfficialDocument, docx: URL)] = []
        for kind in kinds {
            let name = "\(kind.line.rawValue).\(kind.kind)（\(kind.title)）"
            guard let document = try kind.specimen() else {
                Issue.record("\(name): none of the line's specimen cases allows this document")
                continue
            }
            let docx = directory.appendingPathComponent("\(kind.line.rawValue)-\(kind.kind).docx")
            try DocxWriter(createdAt: Date(timeIntervalSince1970: 1_718_000_000)).docx(document).write(to: docx)
            printed.append((name, document, docx))
        }
        #expect(try await LibreOffice.convert(printed.map(\.docx), to: "pdf", outdir: directory, profileFolder: directory) == 0)

        for (name, document, docx) in printed {
            let pdf = docx.deletingPathExtension().appendingPathExtension("pdf")
            guard FileManager.default.fileExists(atPath: pdf.path) else {
                Issue.record("\(name): LibreOffice wrote no PDF")
                continue
            }
            check(try PDFLayout(pdf), document, name)
        }
    }

    /// LibreOffice reads `w:overflowPunct w:val="0"` the wrong way round: its DOCX import sets the paragraph's hanging
    /// punctuation on when the value is 0 (writerfilter's DomainMapper, `PROP_PARA_IS_HANGING_PUNCTUATION` = value == 0,
    /// while its export writes the value the standard's way). So where Word, told not to let punctuation overflow,
    /// compresses the line, LibreOffice hangs the comma or full stop that follows a full line one character past the
    /// right edge. That one mark is let through here, and nothing else: a line of text that overruns still fails.
    static func isHungPunctuation(_ word: PDFLayout.Word) -> Bool {
        guard let last = word.text.last else { return false }
        return "，。、；：！？）》〕”’".contains(last)
    }

    /// One 3号 character, a little condensed, as LibreOffice hangs it (16 pt at most, plus rounding).
    static let hungPunctuationWidth = 17.0

    private func check(_ layout: PDFLayout, _ document: OfficialDocument, _ name: String) {
        let area = Self.typeArea, slack = Self.tolerance
        #expect(!layout.pages.isEmpty && layout.pageSizes.count == layout.pages.count,
                "\(name): \(layout.pageSizes.count) page sizes for \(layout.pages.count) pages")
        for (index, size) in layout.pageSizes.enumerated() {
            #expect(abs(size.width - 595.3) <= 1 && abs(size.height - 841.9) <= 1,
                    "\(name): page \(index + 1) is \(size.width) × \(size.height) pt, not A4 (595.3 × 841.9)")
        }
        for (index, page) in layout.pages.enumerated() {
            let number = index + 1
            let footer = page.words.filter { $0.yMin > area.bottom + slack }
            for word in page.words where word.yMin <= area.bottom + slack {
                let right = Self.isHungPunctuation(word) ? word.xMax - Self.hungPunctuationWidth : word.xMax
                let inside = word.xMin >= area.left - slack && right <= area.right + slack
                    && word.yMin >= area.top - slack && word.yMax <= area.bottom + slack
                #expect(inside, "\(name): page \(number), 「\(word.text)」 at x \(Int(word.xMin))–\(Int(word.xMax)), y \(Int(word.yMin))–\(Int(word.yMax)) pt lies outside the type area (x \(Int(area.left))–\(Int(area.right)), y \(Int(area.top))–\(Int(area.bottom)))")
            }
            // 7.5: "— n —", its top 7 mm under the 版心, one character in from the right (odd) or left (even) edge.
            let footerText = footer.map(\.text).joined().filter { !$0.isWhitespace }
            #expect(footerText == "—\(number)—", "\(name): page \(number) has 「\(footerText)」 under the type area, not 「— \(number) —」")
            if let left = footer.map(\.xMin).min(), let right = footer.map(\.xMax).max(), let top = footer.map(\.yMin).min() {
                #expect(abs(top - (area.bottom + 7 * Self.point)) <= 6,
                        "\(name): page \(number)'s number starts \(Int(top - area.bottom)) pt under the type area, not 7 mm (20 pt)")
                let expected = number % 2 == 1 ? (edge: right, at: area.right - 14) : (edge: left, at: area.left + 14)
                #expect(abs(expected.edge - expected.at) <= 6,
                        "\(name): page \(number)'s number ends at x \(Int(expected.edge)), not one character in from the \(number % 2 == 1 ? "right" : "left") edge (\(Int(expected.at)))")
            }
        }
        guard let first = layout.pages.first else { return }
        let firstText = first.text.filter { !$0.isWhitespace }
        for line in document.titleLines {
            #expect(firstText.contains(line.filter { !$0.isWhitespace }), "\(name): the title 「\(line)」 is not on page 1")
        }
        if let number = document.number {
            #expect(firstText.contains(number), "\(name): the number 「\(number)」 is not on page 1")
        }
        // 7.3.1: no line of the title (the lines above the number) is a single character.
        let numberTop = first.lines.first { line in document.number.map { line.text.contains($0) } ?? false }?.words.map(\.yMin).min()
        let titleLines = first.lines.filter { line in
            numberTop.map { top in line.words.allSatisfy { $0.yMax <= top } }
                ?? document.titleLines.contains { $0.contains(line.text) }
        }
        for line in titleLines where !line.text.isEmpty {
            #expect(line.text.count >= 2, "\(name): a title line holds only 「\(line.text)」")
        }
        // 7.3.5.4: the closing does not stand on a page of its own.
        if let last = layout.pages.last {
            let closing = [document.closing.sealNote, document.closing.organ, document.closing.date.text, document.printedNote,
                           document.printedCopyTo].compactMap { $0?.filter { !$0.isWhitespace } }
            let text = last.lines.filter { line in line.words.allSatisfy { $0.yMin <= area.bottom + slack } }
                .map(\.text).joined().filter { !$0.isWhitespace }
            let rest = closing.reduce(text) { $0.replacingOccurrences(of: $1, with: "") }
            #expect(!rest.isEmpty, "\(name): page \(layout.pages.count) holds the seal and date without any of the text")
        }
        let allText = layout.pages.map(\.text).joined().filter { !$0.isWhitespace }
        #expect(allText.contains(document.closing.date.text), "\(name): the closing date 「\(document.closing.date.text)」 is not printed")
    }
}
