import Foundation

/// word/styles.xml: the typography of GB/T 9704-2012 as named Word styles, so
/// staff who edit the file in Word keep the layout by keeping the styles.
///
/// Element order inside pPr / rPr / style follows the WordprocessingML schema sequence: Word rejects
/// (asks to repair) a file whose children are out of order, LibreOffice does not, so keep it.
enum DocxStyles {
    /// Style ids used by `DocxDocumentPart` and `DocxFooter`.
    enum ID {
        static let body = "Body"
        static let title = "Title"
        static let number = "DocNumber"
        static let addressee = "Addressee"
        static let heading = ["Heading1", "Heading2", "Heading3"]
        static let party = "Party"
        static let listItem = "ListItem"
        static let closing = "Closing"
        static let note = "Note"
        static let copyTo = "CopyTo"
        static let rule = "Rule"
        static let footer = "Footer"
    }

    static func fonts(_ name: String) -> String {
        let n = XMLText.escaped(name)
        return #"<w:rFonts w:ascii="\#(n)" w:eastAsia="\#(n)" w:hAnsi="\#(n)" w:cs="\#(n)" w:hint="eastAsia"/>"#
    }

    static func size(_ halfPoints: Int) -> String {
        #"<w:sz w:val="\#(halfPoints)"/><w:szCs w:val="\#(halfPoints)"/>"#
    }

    /// Two characters of first-line indent: in grid characters for Word (firstLineChars, hundredths),
    /// in twips for readers that ignore the character form.
    static let twoCharacterIndent = #"<w:ind w:firstLine="\#(2 * GBT9704Layout.characterPitch)" w:firstLineChars="200"/>"#
    static let noIndent = #"<w:ind w:firstLine="0" w:firstLineChars="0"/>"#

    /// A full stop or comma after a full line is not hung in the margin (Word's default, 允许标点溢出边界, hangs it):
    /// the line's punctuation is compressed or a character wraps, so nothing prints outside the 版心 (5.2.2).
    /// LibreOffice's import reads this value the wrong way round and hangs the mark all the same.
    static let noHangingPunctuation = #"<w:overflowPunct w:val="0"/>"#

    static var stylesXML: String {
        let L = GBT9704Layout.self
        let body = fonts(L.bodyFont) + #"<w:spacing w:val="\#(L.characterCondensing)"/><w:kern w:val="2"/>"# + size(L.bodySize)
        let lang = #"<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>"#
        var styles: [String] = []
        styles.append(#"""
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>\#
        <w:pPr><w:widowControl w:val="0"/>\#(noHangingPunctuation)<w:jc w:val="both"/></w:pPr><w:rPr>\#(body)\#(lang)</w:rPr></w:style>
        """#)
        styles.append(#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#)
        styles.append(paragraphStyle(ID.body, name: "公文正文", pPr: twoCharacterIndent))
        // 7.3.1: 2号小标宋体, centred. No bold: 小标宋 is a heavy face already. Off the grid: a 22 pt
        // character on the 16 pt character grid would take two cells and look letter-spaced.
        styles.append(paragraphStyle(ID.title, name: "Title", next: ID.body,
                                     pPr: #"<w:keepNext/><w:snapToGrid w:val="0"/>"# + noIndent + #"<w:jc w:val="center"/><w:outlineLvl w:val="0"/>"#,
                                     rPr: fonts(L.titleFont) + #"<w:b w:val="0"/><w:bCs w:val="0"/><w:spacing w:val="0"/>"# + size(L.titleSize)))
        styles.append(paragraphStyle(ID.number, name: "发文字号", next: ID.body,
                                     pPr: #"<w:keepNext/>"# + noIndent + #"<w:jc w:val="center"/>"#))
        // 7.3.2: 主送 flush left; wrapped lines flush left too.
        styles.append(paragraphStyle(ID.addressee, name: "主送机关", next: ID.body, pPr: noIndent))
        // 7.3.3: 第一层黑体, 第二层楷体, 第三层仿宋; indented like the body, never bold.
        let headingFonts = [L.heading1Font, L.heading2Font, L.bodyFont]
        for (level, id) in ID.heading.enumerated() {
            styles.append(paragraphStyle(id, name: "heading \(level + 1)", next: ID.body,
                                         pPr: #"<w:keepNext/>"# + twoCharacterIndent + #"<w:outlineLvl w:val="\#(level + 1)"/>"#,
                                         rPr: fonts(headingFonts[level]) + #"<w:b w:val="0"/><w:bCs w:val="0"/>"# + size(L.bodySize)))
        }
        styles.append(paragraphStyle(ID.party, name: "当事人", pPr: twoCharacterIndent))
        styles.append(paragraphStyle(ID.listItem, name: "列项", pPr: twoCharacterIndent))
        styles.append(paragraphStyle(ID.closing, name: "署名和日期", pPr: #"<w:keepNext/>"# + noIndent + #"<w:jc w:val="right"/>"#))
        styles.append(paragraphStyle(ID.note, name: "附注", pPr: twoCharacterIndent))
        // 7.4.2: 4号仿宋, one character in on both sides, wrapped lines aligned after 抄送： (three
        // characters), off the character grid so 14 pt characters keep their own width.
        let c = 280  // one 4号 character, twips
        styles.append(paragraphStyle(ID.copyTo, name: "抄送", pPr: #"<w:snapToGrid w:val="0"/><w:ind w:left="\#(4 * c)" w:right="\#(c)" w:hanging="\#(3 * c)"/><w:jc w:val="left"/>"#,
                                     rPr: #"<w:spacing w:val="0"/>"# + size(L.copyToSize)))
        // 7.4.1: 版记 separator lines, as empty paragraphs with a top border: 0.35 mm ≈ 1 pt (w:sz in
        // eighths of a point), as wide as the 版心.
        styles.append(paragraphStyle(ID.rule, name: "版记分隔线", pPr: #"<w:pBdr><w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/></w:pBdr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>"# + noIndent,
                                     rPr: size(2)))
        styles.append(paragraphStyle(ID.footer, name: "footer", pPr: #"<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="\#(L.pageNumberLineHeight)" w:lineRule="exact"/>"# + noIndent,
                                     rPr: fonts(L.pageNumberFont) + #"<w:spacing w:val="0"/>"# + size(L.pageNumberSize)))
        return #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\#
        <w:docDefaults><w:rPrDefault><w:rPr>\#(body)\#(lang)</w:rPr></w:rPrDefault>\#
        <w:pPrDefault><w:pPr><w:widowControl w:val="0"/>\#(noHangingPunctuation)<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>\#
        \#(styles.joined())</w:styles>
        """#
    }

    /// A paragraph style based on Normal. `pPr` and `rPr` are inner XML, already in schema order.
    private static func paragraphStyle(_ id: String, name: String, next: String? = nil, pPr: String, rPr: String = "") -> String {
        // Title, heading n and footer are Word's built-in names: redefined, not custom.
        let custom = ["Title", "heading 1", "heading 2", "heading 3", "footer"].contains(name) ? "" : #" w:customStyle="1""#
        var xml = #"<w:style w:type="paragraph"\#(custom) w:styleId="\#(id)"><w:name w:val="\#(XMLText.escaped(name))"/><w:basedOn w:val="Normal"/>"#
        if let next { xml += #"<w:next w:val="\#(next)"/>"# }
        xml += #"<w:qFormat/><w:pPr>\#(pPr)</w:pPr>"#
        if !rPr.isEmpty { xml += "<w:rPr>\(rPr)</w:rPr>" }
        return xml + "</w:style>"
    }
}
