import Foundation
import ZIPFoundation

/// Writes an `OfficialDocument` as a .docx (Office Open XML WordprocessingML) laid out per
/// GB/T 9704-2012, built in memory.
///
/// The package is minimal but complete — every part Word and LibreOffice expect of a document with
/// styles, settings, fonts, footers and properties, each declared in [Content_Types].xml and reached
/// through a relationship — so it opens in either without a repair prompt. The output depends only on
/// the document and `createdAt`, so regenerating an instrument from the same data gives the same bytes.
public struct DocxWriter: Sendable {
    /// Written to docProps/core.xml and as the ZIP entries' modification time.
    var createdAt: Date
    /// docProps/app.xml `Application`.
    var application: String

    public init(createdAt: Date = Date(), application: String = "Fazhi") {
        self.createdAt = createdAt
        self.application = application
    }

    /// Every part of the package, in the order they are stored: [Content_Types].xml first, as readers
    /// that stream the ZIP expect.
    static let partNames = [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        DocxFooter.odd.partName,
        DocxFooter.even.partName,
    ]

    public func docx(_ document: OfficialDocument) throws -> Data {
        let parts: [String: String] = [
            "[Content_Types].xml": Self.contentTypesXML,
            "_rels/.rels": Self.packageRelationshipsXML,
            "docProps/core.xml": coreXML(document),
            "docProps/app.xml": appXML(document),
            "word/document.xml": DocxDocumentPart(document: document, oddFooterID: "rIdFooterOdd", evenFooterID: "rIdFooterEven").xml,
            "word/_rels/document.xml.rels": Self.documentRelationshipsXML,
            "word/styles.xml": DocxStyles.stylesXML,
            "word/settings.xml": Self.settingsXML,
            "word/fontTable.xml": DocxFontTable.xml,
            DocxFooter.odd.partName: DocxFooter.odd.xml,
            DocxFooter.even.partName: DocxFooter.even.xml,
        ]
        let archive = try Archive(accessMode: .create)
        for name in Self.partNames {
            let data = Data((parts[name] ?? "").utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: createdAt, compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw DocxError.archiveUnavailable }
        return data
    }

    enum DocxError: Error {
        /// ZIPFoundation returned no bytes for an in-memory archive.
        case archiveUnavailable
    }

    private static let wordprocessingML = "application/vnd.openxmlformats-officedocument.wordprocessingml"

    static let contentTypesXML = #"""
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\#
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\#
    <Default Extension="xml" ContentType="application/xml"/>\#
    <Override PartName="/word/document.xml" ContentType="\#(wordprocessingML).document.main+xml"/>\#
    <Override PartName="/word/styles.xml" ContentType="\#(wordprocessingML).styles+xml"/>\#
    <Override PartName="/word/settings.xml" ContentType="\#(wordprocessingML).settings+xml"/>\#
    <Override PartName="/word/fontTable.xml" ContentType="\#(wordprocessingML).fontTable+xml"/>\#
    <Override PartName="/word/footer1.xml" ContentType="\#(wordprocessingML).footer+xml"/>\#
    <Override PartName="/word/footer2.xml" ContentType="\#(wordprocessingML).footer+xml"/>\#
    <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\#
    <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\#
    </Types>
    """#

    static let packageRelationshipsXML = #"""
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\#
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\#
    <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\#
    </Relationships>
    """#

    static let documentRelationshipsXML = #"""
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#
    <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\#
    <Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\#
    <Relationship Id="rIdFontTable" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>\#
    <Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>\#
    <Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>\#
    </Relationships>
    """#

    /// Children in the schema's order (defaultTabStop, evenAndOddHeaders, characterSpacingControl,
    /// compat, themeFontLang). evenAndOddHeaders turns on the even-page footer (GB/T 9704 7.5);
    /// compatibilityMode 15 is Word 2013 and later; compressPunctuation is what Chinese Word writes.
    static let settingsXML = #"""
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\#
    <w:zoom w:percent="100"/>\#
    <w:defaultTabStop w:val="\#(2 * GBT9704Layout.characterPitch)"/>\#
    <w:evenAndOddHeaders/>\#
    <w:characterSpacingControl w:val="compressPunctuation"/>\#
    <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>\#
    <w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>\#
    </w:settings>
    """#

    private func coreXML(_ document: OfficialDocument) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        let created = formatter.string(from: createdAt)
        let title = XMLText.escaped(document.titleLines.joined())
        let creator = XMLText.escaped(document.closing.organ)
        return #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \#
        xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \#
        xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\#
        <dc:title>\#(title)</dc:title><dc:subject>\#(XMLText.escaped(document.number ?? ""))</dc:subject>\#
        <dc:creator>\#(creator)</dc:creator><cp:lastModifiedBy>\#(creator)</cp:lastModifiedBy><dc:language>zh-CN</dc:language>\#
        <dcterms:created xsi:type="dcterms:W3CDTF">\#(created)</dcterms:created>\#
        <dcterms:modified xsi:type="dcterms:W3CDTF">\#(created)</dcterms:modified>\#
        </cp:coreProperties>
        """#
    }

    private func appXML(_ document: OfficialDocument) -> String {
        #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \#
        xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\#
        <Application>\#(XMLText.escaped(application))</Application>\#
        <Company>\#(XMLText.escaped(document.organ))</Company>\#
        </Properties>
        """#
    }
}
