@testable import FazhiOffice
import Foundation
import Testing

/// The .docx per GB/T 9704-2012: written, reopened with ZIPFoundation, parsed back with XMLParser.
@Suite struct DocxWriterTests {
    let fixed = Date(timeIntervalSince1970: 1_705_449_600)  // 2024-01-17T00:00:00Z

    func package(_ document: OfficialDocument = InstrumentFixtures.decision) throws -> DocxTestPackage {
        try DocxTestPackage(DocxWriter(createdAt: fixed).docx(document))
    }

    /// The paragraph style of each `w:p` in word/document.xml, with its text.
    func paragraphs(_ package: DocxTestPackage) throws -> [(style: String, text: String, element: XMLTreeElement)] {
        try package.xml("word/document.xml").all("w:p").map { p in
            (p.first("w:pStyle")?.attributes["w:val"] ?? "", p.runText, p)
        }
    }

    func style(_ id: String, in package: DocxTestPackage) throws -> XMLTreeElement? {
        try package.xml("word/styles.xml").all("w:style").first { $0.attributes["w:styleId"] == id }
    }

    @Test func everyPartIsPresentDeclaredAndWellFormed() throws {
        let package = try package()
        let required = ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/settings.xml",
                        "word/fontTable.xml", "word/_rels/document.xml.rels", "word/footer1.xml", "word/footer2.xml",
                        "docProps/core.xml", "docProps/app.xml"]
        #expect(Set(package.parts.keys) == Set(required))
        for name in required { _ = try package.xml(name) }  // each parses

        let types = try package.xml("[Content_Types].xml")
        let overrides = Set(types.all("Override").compactMap { $0.attributes["PartName"] })
        let defaults = Set(types.all("Default").compactMap { $0.attributes["Extension"] })
        #expect(defaults == ["rels", "xml"])
        for name in required where name != "[Content_Types].xml" && !name.hasSuffix(".rels") {
            #expect(overrides.contains("/" + name), "\(name) not declared")
        }
        let main = types.all("Override").first { $0.attributes["PartName"] == "/word/document.xml" }
        #expect(main?.attributes["ContentType"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")

        // Every relationship points at a part that exists.
        let packageTargets = try package.xml("_rels/.rels").all("Relationship").compactMap { $0.attributes["Target"] }
        let wordTargets = try package.xml("word/_rels/document.xml.rels").all("Relationship").compactMap { $0.attributes["Target"] }
        #expect(Set(packageTargets) == ["word/document.xml", "docProps/core.xml", "docProps/app.xml"])
        for target in wordTargets { #expect(package.parts["word/" + target] != nil, "dangling \(target)") }
        #expect(wordTargets.count == 5)
    }

    @Test func pageIsA4WithTheStandardMargins() throws {
        let section = try #require(try package().xml("word/document.xml").first("w:sectPr"))
        let size = try #require(section.first("w:pgSz"))
        #expect(size.attributes["w:w"] == "11906")
        #expect(size.attributes["w:h"] == "16838")
        let margins = try #require(section.first("w:pgMar"))
        let expected: [(String, Double, Int)] = [("w:top", 37, 2098), ("w:bottom", 35, 1984), ("w:left", 28, 1588), ("w:right", 26, 1474)]
        for (side, mm, twips) in expected {
            let value = try #require(margins.attributes[side].flatMap(Int.init))
            #expect(value == twips, "\(side)")
            #expect(abs(Double(value) - mm * 56.7) <= 1, "\(side) is \(mm) mm")
        }
        // The 版心 is 156 × 225 mm.
        #expect(11906 - 1588 - 1474 == GBT9704Layout.textWidth)
        #expect(abs(Double(GBT9704Layout.textWidth) / 56.7 - 156) < 0.1)
        #expect(abs(Double(GBT9704Layout.textHeight) / 56.7 - 225) < 0.1)
    }

    @Test func gridHas22LinesOf28Characters() throws {
        let grid = try #require(try package().xml("word/document.xml").first("w:docGrid"))
        #expect(grid.attributes["w:type"] == "lines")
        #expect(grid.attributes["w:linePitch"] == "579")
        #expect(grid.attributes["w:charSpace"] == nil)
        let height = GBT9704Layout.textHeight, width = Double(GBT9704Layout.textWidth)
        #expect(22 * 579 <= height && 23 * 579 > height)
        let pitchTwips = (16 + Double(-849) / 4096) * 20
        #expect(28 * pitchTwips <= width && 29 * pitchTwips > width)
        // Characters condensed to fit one grid cell each (LibreOffice gives a wider glyph two cells).
        let normal = try #require(try style("Normal", in: package()))
        let condensing = try #require(normal.first("w:spacing")?.attributes["w:val"].flatMap(Int.init))
        #expect(condensing == -5)
        #expect((16 + Double(condensing) / 20) * 20 <= pitchTwips)
    }

    @Test func bodyIsFangSong3haoIndentedTwoCharacters() throws {
        let package = try package()
        let defaults = try #require(try package.xml("word/styles.xml").first("w:docDefaults"))
        #expect(defaults.first("w:sz")?.attributes["w:val"] == "32")
        #expect(defaults.first("w:rFonts")?.attributes["w:eastAsia"] == "仿宋_GB2312")

        let body = try #require(try style("Body", in: package))
        #expect(body.first("w:basedOn")?.attributes["w:val"] == "Normal")
        #expect(body.first("w:ind")?.attributes["w:firstLineChars"] == "200")
        let normal = try #require(try style("Normal", in: package))
        #expect(normal.first("w:sz")?.attributes["w:val"] == "32")
        #expect(normal.first("w:rFonts")?.attributes["w:eastAsia"] == "仿宋_GB2312")
        // No punctuation hung past the 版心's right edge.
        #expect(normal.first("w:overflowPunct")?.attributes["w:val"] == "0")

        let bodyParagraphs = try paragraphs(package).filter { $0.style == "Body" && !$0.text.isEmpty }
        #expect(bodyParagraphs.first?.text.hasPrefix("申请人不服被申请人") == true)

        // The fallbacks are declared in the font table.
        let fonts = try package.xml("word/fontTable.xml").all("w:font")
        let fangsong = fonts.first { $0.attributes["w:name"] == "仿宋_GB2312" }
        #expect(fangsong?.first("w:altName")?.attributes["w:val"] == "仿宋")
        #expect(fonts.contains { $0.attributes["w:name"] == "方正小标宋简体" })
        // Where even the alternative is missing, Word matches a GB2312 face of the same PANOSE class.
        for font in fonts {
            #expect(font.first("w:charset")?.attributes["w:val"] == "86", "\(font.attributes["w:name"] ?? "")")
            #expect(font.first("w:panose1")?.attributes["w:val"]?.count == 20, "\(font.attributes["w:name"] ?? "")")
        }
        #expect(fonts.first { $0.attributes["w:name"] == "方正小标宋简体" }?.first("w:altName")?.attributes["w:val"] == "宋体")
    }

    @Test func aTitleWiderThanTheLineBreaksExplicitlyWithNoCharacterAlone() throws {
        var document = InstrumentFixtures.decision
        document.kind = "关于进一步加强行政复议规范化建设工作的实施意见"
        let titles = try paragraphs(package(document)).filter { $0.style == "Title" }
        #expect(titles.map(\.text) == ["天津市河东区人民政府", document.kind])
        let lines = titles[1].element.all("w:t").map(\.text)
        #expect(lines == ["关于进一步加强行政复议", "规范化建设工作的实施意见"])
        #expect(titles[1].element.all("w:br").count == 1)
        #expect(GBT9704Layout.titleCharactersPerLine == 20)
        #expect(titles[0].element.all("w:br").isEmpty)
    }

    @Test func titleIsXiaobiaosong2haoCentredWithTheNumberUnderIt() throws {
        let package = try package()
        let all = try paragraphs(package)
        #expect(all.prefix(3).map(\.style) == ["Title", "Title", "DocNumber"])
        #expect(all.prefix(3).map(\.text) == ["天津市河东区人民政府", "行政复议决定书", "东政复〔2024〕12号"])
        let title = try #require(try style("Title", in: package))
        #expect(title.first("w:sz")?.attributes["w:val"] == "44")
        #expect(title.first("w:jc")?.attributes["w:val"] == "center")
        #expect(title.first("w:rFonts")?.attributes["w:eastAsia"] == "方正小标宋简体")
        #expect(try style("DocNumber", in: package)?.first("w:jc")?.attributes["w:val"] == "center")
    }

    @Test func headingsAreNumberedAndSetInHeitiAndKaiti() throws {
        let package = try package()
        let headings = try paragraphs(package).filter { $0.style.hasPrefix("Heading") }.map { "\($0.style) \($0.text)" }
        #expect(headings == [
            "Heading1 一、申请人请求及理由", "Heading1 二、被申请人答复意见", "Heading1 三、本机关查明",
            "Heading2 （一）关于执法程序", "Heading2 （二）关于认定事实",
        ])
        #expect(try style("Heading1", in: package)?.first("w:rFonts")?.attributes["w:eastAsia"] == "黑体")
        #expect(try style("Heading2", in: package)?.first("w:rFonts")?.attributes["w:eastAsia"] == "楷体_GB2312")
        let items = try paragraphs(package).filter { $0.style == "ListItem" }.map(\.text)
        #expect(items.first == "（1）现场检查笔录一份；")
    }

    @Test func sealedClosingCentresOrganOnDateFourCharactersFromTheRight() throws {
        let closing = try paragraphs(package()).filter { $0.style == "Closing" }
        #expect(closing.map(\.text) == ["（印章）", "天津市河东区人民政府", "2024年1月17日"])
        let rightChars = closing.map { $0.element.first("w:ind")?.attributes["w:rightChars"] }
        // Date 2024年1月17日 is 6.5 characters wide (digits half width): seal note (4 wide) 4 + (6.5 − 4) / 2,
        // organ (10 wide) 4 + (6.5 − 10) / 2, date 4.
        #expect(rightChars == ["525", "225", "400"])
    }

    @Test func unsealedClosingPutsTheOrganTwoCharactersInAndTheDateUnderIt() throws {
        var document = InstrumentFixtures.decision
        document.closing = .init(organ: "河东区司法局", date: .init(year: 2024, month: 12, day: 31))
        let closing = try paragraphs(package(document)).filter { $0.style == "Closing" }
        #expect(closing.map(\.text) == ["河东区司法局", "2024年12月31日"])
        // Organ 6 wide, date 7 wide: the date would start 2 right of the organ and overrun, so it sits
        // flush right and the organ moves to 7 + 2 − 6 = 3 characters in.
        #expect(closing.map { $0.element.first("w:ind")?.attributes["w:rightChars"] } == ["300", "0"])
    }

    @Test func footerHoldsAPageFieldBetweenDashesRightOnOddLeftOnEven() throws {
        let package = try package()
        for (part, alignment) in [("word/footer1.xml", "right"), ("word/footer2.xml", "left")] {
            let footer = try package.xml(part)
            #expect(footer.runText == "— 1 —")
            let runs = footer.all("w:r")
            let texts = runs.map { $0.first("w:t")?.text }
            #expect(texts.first == "— ")
            #expect(texts.last == " —")
            #expect(footer.all("w:fldChar").map { $0.attributes["w:fldCharType"] ?? "" } == ["begin", "separate", "end"])
            #expect(footer.first("w:instrText")?.text.trimmingCharacters(in: .whitespaces) == "PAGE")
            #expect(footer.first("w:jc")?.attributes["w:val"] == alignment)
        }
        let footerStyle = try #require(try style("Footer", in: package))
        #expect(footerStyle.first("w:sz")?.attributes["w:val"] == "28")
        #expect(footerStyle.first("w:rFonts")?.attributes["w:ascii"] == "宋体")

        #expect(try package.xml("word/settings.xml").first("w:evenAndOddHeaders") != nil)
        let references = try package.xml("word/document.xml").all("w:footerReference")
        let relationships = try package.xml("word/_rels/document.xml.rels").all("Relationship")
        func target(_ type: String) -> String? {
            let id = references.first { $0.attributes["w:type"] == type }?.attributes["r:id"]
            return relationships.first { $0.attributes["Id"] == id }?.attributes["Target"]
        }
        #expect(target("default") == "footer1.xml")
        #expect(target("even") == "footer2.xml")
    }

    @Test func markupCharactersSurviveTheRoundTrip() throws {
        let nasty = #"A&B <c> "d" 'e' </w:t>&amp;"#
        let document = OfficialDocument(
            kind: "听证通知书" + nasty, organ: "河东区司法局", number: "东司复〔2024〕3号<>",
            addressee: "申请人：" + nasty,
            body: [.paragraph(nasty), .partyBlock(label: nasty, lines: [nasty]), .heading(level: 1, text: nasty),
                   .paragraph("换行\n第二行\t制表\u{0C}换页符")],
            closing: .init(organ: nasty, date: .init(year: 2024, month: 2, day: 1), sealNote: nasty),
            copyTo: [nasty], note: nasty)
        let package = try package(document)
        let texts = try paragraphs(package).map(\.text)
        #expect(texts.contains("听证通知书" + nasty))
        #expect(texts.contains(nasty))
        #expect(texts.contains("申请人：" + nasty))
        #expect(texts.contains("\(nasty)：\(nasty)"))
        #expect(texts.contains("一、" + nasty))
        #expect(texts.contains("抄送：\(nasty)。"))
        #expect(texts.contains("（\(nasty)）"))
        #expect(texts.contains("东司复〔2024〕3号<>"))
        #expect(texts.contains("换行第二行制表换页符"))  // the form feed is dropped, the break and tab are elements
        let core = try package.xml("docProps/core.xml")
        #expect(core.first("dc:title")?.text == "河东区司法局听证通知书" + nasty)
    }

    @Test func longDocumentRunsToManyPages() throws {
        let document = InstrumentFixtures.long(paragraphs: 400)
        let data = try DocxWriter(createdAt: fixed).docx(document)
        let all = try paragraphs(DocxTestPackage(data))
        let body = all.filter { $0.style == "Body" && !$0.text.isEmpty }
        #expect(body.count == 400)
        // Each paragraph is ~70 characters = 3 lines of 28: far more than 22 lines × 10 pages.
        let lines = body.reduce(0) { $0 + Int((GBT9704Layout.width($1.text) + 2) / 28) + 1 }
        #expect(lines > 22 * 10)
        #expect(all.filter { $0.style == "Heading1" }.last?.text == "四十、第40部分工作情况")
    }

    @Test func sameDocumentSameBytes() throws {
        let writer = DocxWriter(createdAt: fixed)
        #expect(try writer.docx(InstrumentFixtures.decision) == writer.docx(InstrumentFixtures.decision))
    }
}
