import FazhiCore
import Foundation

/// word/document.xml of an `OfficialDocument`: its elements in the order and places of GB/T 9704-2012,
/// each paragraph carrying one of the `DocxStyles` styles, and the section with the A4 page, the
/// margins, the 22 × 28 character grid and the two page-number footers.
struct DocxDocumentPart {
    let document: OfficialDocument
    /// Relationship ids of the odd and even footers in word/_rels/document.xml.rels.
    let oddFooterID: String
    let evenFooterID: String

    var xml: String {
        var paragraphs: [String] = []
        let ID = DocxStyles.ID.self

        // 7.3.1 title (organ, then kind), each broken where a line is full by `TitleLines` (an explicit break, so no
        // character is left alone on a line whatever the reader's fonts), the number centred under it, one blank line.
        for line in document.titleLines {
            let lines = TitleLines.lines(line, charactersPerLine: GBT9704Layout.titleCharactersPerLine)
            paragraphs.append(paragraph(ID.title, lines.joined(separator: "\n")))
        }
        if let number = document.number { paragraphs.append(paragraph(ID.number, number)) }
        paragraphs.append(paragraph(ID.body, ""))
        if let addressee = document.addressee { paragraphs.append(paragraph(ID.addressee, addressee)) }

        let body = document.printedBody
        for (index, printed) in body.enumerated() {
            // 7.3.5.4: the seal and date never stand on a page without body text: the last paragraph keeps with the
            // closing (being splittable, only its last lines move over when the closing does not fit).
            let last = index == body.count - 1
            switch printed.role {
            case .heading(let level): paragraphs.append(paragraph(ID.heading[level - 1], printed.text, keepNext: last))
            case .paragraph: paragraphs.append(paragraph(ID.body, printed.text, keepNext: last))
            case .party: paragraphs.append(paragraph(ID.party, printed.text, keepNext: last))
            case .listItem: paragraphs.append(paragraph(ID.listItem, printed.text, keepNext: last))
            }
        }

        paragraphs += closing()
        if let note = document.printedNote { paragraphs.append(paragraph(ID.note, note)) }
        if let copyTo = document.printedCopyTo {
            // 7.4: 版记 between two separator lines, after the closing.
            paragraphs.append(paragraph(ID.rule, "", keepNext: true))
            paragraphs.append(paragraph(ID.copyTo, copyTo, keepNext: true))
            paragraphs.append(paragraph(ID.rule, ""))
        }

        let L = GBT9704Layout.self
        let section = #"""
        <w:sectPr>\#
        <w:footerReference w:type="default" r:id="\#(oddFooterID)"/>\#
        <w:footerReference w:type="even" r:id="\#(evenFooterID)"/>\#
        <w:pgSz w:w="\#(L.pageWidth)" w:h="\#(L.pageHeight)"/>\#
        <w:pgMar w:top="\#(L.marginTop)" w:right="\#(L.marginRight)" w:bottom="\#(L.marginBottom)" w:left="\#(L.marginLeft)" \#
        w:header="\#(L.headerDistance)" w:footer="\#(L.footerDistance)" w:gutter="0"/>\#
        <w:cols w:space="425"/>\#
        <w:docGrid w:type="lines" w:linePitch="\#(L.linePitch)"/>\#
        </w:sectPr>
        """#
        return #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \#
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\#
        <w:body>\#(paragraphs.joined())\#(section)</w:body></w:document>
        """#
    }

    /// 7.3.5: one blank line after the body, then (seal note,) organ and date, right-aligned with right
    /// indents in characters so that the organ sits where the standard puts it relative to the date.
    private func closing() -> [String] {
        let closing = document.closing
        let organ = closing.organ, date = closing.date.text
        let organWidth = GBT9704Layout.width(organ), dateWidth = GBT9704Layout.width(date)
        var paragraphs = [paragraph(DocxStyles.ID.body, "", keepNext: true)]
        if let seal = closing.sealNote {
            // 7.3.5.2: date four characters from the right; organ (and the seal) centred on the date.
            let dateRight = 4.0
            let centred = { (width: Double) in max(0, dateRight + (dateWidth - width) / 2) }
            paragraphs.append(paragraph(DocxStyles.ID.closing, seal, rightIndent: centred(GBT9704Layout.width(seal)), keepNext: true))
            paragraphs.append(paragraph(DocxStyles.ID.closing, organ, rightIndent: centred(organWidth), keepNext: true))
            paragraphs.append(paragraph(DocxStyles.ID.closing, date, rightIndent: dateRight))
        } else {
            // 7.3.5.3: organ two characters from the right; the date's first character two characters
            // right of the organ's first. A date wider than the organ allows moves the organ left.
            var organRight = 2.0
            var dateRight = organRight + organWidth - 2 - dateWidth
            if dateRight < 0 {
                dateRight = 0
                organRight = dateWidth + 2 - organWidth
            }
            paragraphs.append(paragraph(DocxStyles.ID.closing, organ, rightIndent: organRight, keepNext: true))
            paragraphs.append(paragraph(DocxStyles.ID.closing, date, rightIndent: dateRight))
        }
        return paragraphs
    }

    /// One paragraph of `style`; line breaks in `text` become `w:br`, tabs `w:tab`. `rightIndent` is
    /// in characters.
    private func paragraph(_ style: String, _ text: String, rightIndent: Double? = nil, keepNext: Bool = false) -> String {
        var pPr = #"<w:pStyle w:val="\#(style)"/>"#
        if keepNext { pPr += "<w:keepNext/>" }
        if let rightIndent {
            let hundredths = Int((rightIndent * 100).rounded())
            let twips = Int((rightIndent * Double(GBT9704Layout.characterPitch)).rounded())
            pPr += #"<w:ind w:right="\#(twips)" w:rightChars="\#(hundredths)"/>"#
        }
        var runs = ""
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index > 0 { runs += "<w:r><w:br/></w:r>" }
            let pieces = line.split(separator: "\t", omittingEmptySubsequences: false)
            for (pieceIndex, piece) in pieces.enumerated() {
                if pieceIndex > 0 { runs += "<w:r><w:tab/></w:r>" }
                if !piece.isEmpty {
                    runs += #"<w:r><w:t xml:space="preserve">\#(XMLText.escaped(String(piece)))</w:t></w:r>"#
                }
            }
        }
        return "<w:p><w:pPr>\(pPr)</w:pPr>\(runs)</w:p>"
    }
}
