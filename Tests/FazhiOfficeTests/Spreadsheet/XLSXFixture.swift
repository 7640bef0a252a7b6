@testable import FazhiOffice
import Foundation
import ZIPFoundation

/// Hand-written .xlsx packages, zipped part by part, so the reader is tested against files shaped
/// like Excel's and other tools' output and not only against our own writer.
enum XLSXFixture {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func zip(_ parts: [(String, String)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw SpreadsheetError.writeFailed("fixture") }
        return data
    }

    /// A workbook with the given sheets (name, sheet XML), optional shared strings and styles.
    static func workbook(sheets: [(String, String)], sharedStrings: String? = nil, styles: String? = nil,
                         workbookProperties: String = "") throws -> Data {
        var parts: [(String, String)] = [
            ("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/></Types>
            """),
            ("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """),
        ]
        let sheetEntries = sheets.indices.map { "<sheet name=\"\(sheets[$0].0)\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }
        parts.append(("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(main)" xmlns:r="\(relationships)">\
            \(workbookProperties)<sheets>\(sheetEntries.joined())</sheets></workbook>
            """))
        var rels = sheets.indices.map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }
        if sharedStrings != nil {
            rels.append("<Relationship Id=\"rIdS\" Type=\"\(relationships)/sharedStrings\" Target=\"sharedStrings.xml\"/>")
        }
        if styles != nil {
            rels.append("<Relationship Id=\"rIdT\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/>")
        }
        parts.append(("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            \(rels.joined())</Relationships>
            """))
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", sheet.1))
        }
        if let sharedStrings { parts.append(("xl/sharedStrings.xml", sharedStrings)) }
        if let styles { parts.append(("xl/styles.xml", styles)) }
        return try zip(parts)
    }

    static func sheet(_ rows: String, dimension: String = "A1:F8") -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="\(main)" xmlns:r="\(relationships)"><dimension ref="\(dimension)"/>\
        <sheetData>\(rows)</sheetData></worksheet>
        """
    }

    /// A ledger as Excel saves it: every cell kind the reader must understand in one sheet.
    static func ledger() throws -> Data {
        let sharedStrings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="\(main)" count="9" uniqueCount="9">\
        <si><t>姓名</t></si><si><t>申请日期</t></si><si><t>受理日期</t></si><si><t>金额</t></si>\
        <si><t>是否纠错</t></si><si><t xml:space="preserve"> 备注 </t></si><si><t>张三</t></si>\
        <si><r><rPr><b/><sz val="11"/></rPr><t>李</t></r><r><t xml:space="preserve">四 </t></r>\
        <rPh sb="0" eb="1"><t>リ</t></rPh><phoneticPr fontId="1"/></si>\
        <si><t>第一行_x000D_
        第二行</t></si>\
        </sst>
        """
        let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="\(main)"><numFmts count="2">\
        <numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>\
        <numFmt numFmtId="165" formatCode="#,##0.00&quot;元&quot;"/></numFmts>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="5"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="164" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="22" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>
        """
        let rows = """
        <row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
        <c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>\
        <row r="2"><c r="A2" t="s"><v>6</v></c><c r="B2" s="1"><v>45352</v></c><c r="C2" s="2"><v>45366</v></c>\
        <c r="D2" s="3"><v>1234.5</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="inlineStr"><is><t>行内文字</t></is></c></row>\
        <row r="4"><c r="A4" t="s"><v>7</v></c><c r="C4" s="2"><v>45000</v></c><c r="E4" t="b"><v>0</v></c>\
        <c r="F4" t="str"><f>A4&amp;"x"</f><v>公式结果</v></c></row>\
        <row r="5"><c r="A5" t="s"><v>8</v></c><c r="B5" s="4"><v>45352.5</v></c><c r="C5" s="2"/><c r="D5"><v>-3</v></c></row>\
        <row r="6"><c t="inlineStr"><is><r><t>无</t></r><r><t>引用</t></r></is></c><c><v>7</v></c></row>\
        <row r="7"/>\
        <row r="8"><c r="A8" s="1"/></row>
        """
        return try workbook(sheets: [("台账", sheet(rows))], sharedStrings: sharedStrings, styles: styles)
    }
}
