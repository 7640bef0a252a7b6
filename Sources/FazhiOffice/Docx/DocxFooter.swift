import Foundation

/// The page-number footers of GB/T 9704-2012 7.5: "— 1 —" in 4号 half-width 宋体, odd pages at the
/// right and even pages at the left, one character in from the edge of the 版心.
///
/// Word shows the even footer only when settings.xml has `w:evenAndOddHeaders`; the section refers to
/// footer1.xml as the default (odd) footer and footer2.xml as the even one.
enum DocxFooter {
    case odd
    case even

    var partName: String {
        switch self {
        case .odd: return "word/footer1.xml"
        case .even: return "word/footer2.xml"
        }
    }

    var xml: String {
        let c = 280  // one 4号 character, twips
        let placement: String
        switch self {
        case .odd: placement = #"<w:ind w:right="\#(c)"/><w:jc w:val="right"/>"#
        case .even: placement = #"<w:ind w:left="\#(c)"/><w:jc w:val="left"/>"#
        }
        // A complex PAGE field between the dashes, with "1" as its cached result for readers that do
        // not update fields.
        let runs = [
            text("— "),
            #"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
            #"<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#,
            #"<w:r><w:fldChar w:fldCharType="separate"/></w:r>"#,
            text("1"),
            #"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
            text(" —"),
        ]
        return #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\#
        <w:p><w:pPr><w:pStyle w:val="\#(DocxStyles.ID.footer)"/>\#(placement)</w:pPr>\#(runs.joined())</w:p></w:ftr>
        """#
    }

    private func text(_ value: String) -> String {
        #"<w:r><w:t xml:space="preserve">\#(XMLText.escaped(value))</w:t></w:r>"#
    }
}
