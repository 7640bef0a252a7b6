import FazhiCore
import Foundation

/// An `OfficialDocument` as one standalone HTML page that prints like the .docx: A4 with the margins,
/// type and 22 × 28 grid of GB/T 9704-2012 (see `GBT9704Layout`), page numbers "— 1 —" in the page
/// margin where the browser supports CSS page-margin boxes. No external asset: bureaus run on
/// intranets without internet, and the page must survive being saved and mailed as one file.
public struct PrintableHTML: Sendable {
    public init() {}

    public func html(_ document: OfficialDocument) -> String {
        var body: [String] = []
        let e = XMLText.escaped
        let titleLines = document.titleLines.flatMap { TitleLines.lines($0, charactersPerLine: GBT9704Layout.titleCharactersPerLine) }
        body.append("<h1>" + titleLines.map(e).joined(separator: "<br>") + "</h1>")
        if let number = document.number { body.append(#"<p class="number">\#(e(number))</p>"#) }
        body.append(#"<p class="blank"></p>"#)
        if let addressee = document.addressee { body.append(#"<p class="addressee">\#(lines(addressee))</p>"#) }
        for printed in document.printedBody {
            switch printed.role {
            case .heading(let level): body.append("<h\(level + 1)>\(lines(printed.text))</h\(level + 1)>")
            case .paragraph: body.append("<p>\(lines(printed.text))</p>")
            case .party: body.append(#"<p class="party">\#(lines(printed.text))</p>"#)
            case .listItem: body.append(#"<p class="item">\#(lines(printed.text))</p>"#)
            }
        }
        body.append(closing(document.closing))
        if let note = document.printedNote { body.append(#"<p class="note">\#(lines(note))</p>"#) }
        if let copyTo = document.printedCopyTo { body.append(#"<footer class="record"><p>\#(e(copyTo))</p></footer>"#) }

        let title = e(document.titleLines.joined() + (document.number.map { " " + $0 } ?? ""))
        return #"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\#(title)</title>
        <style>
        \#(Self.style)
        </style>
        </head>
        <body>
        <article class="sheet">
        \#(body.joined(separator: "\n"))
        </article>
        </body>
        </html>

        """#
    }

    /// 7.3.5: with a seal the date is four characters from the right and organ and seal note are
    /// centred on it; without, the organ is two from the right and the date two characters further in.
    private func closing(_ closing: OfficialDocument.Closing) -> String {
        let e = XMLText.escaped
        let date = closing.date.text
        let dateWidth = GBT9704Layout.width(date), organWidth = GBT9704Layout.width(closing.organ)
        var rows: [(String, Double)] = []
        if let seal = closing.sealNote {
            let centred = { (width: Double) in max(0, 4 + (dateWidth - width) / 2) }
            rows = [(seal, centred(GBT9704Layout.width(seal))), (closing.organ, centred(organWidth)), (date, 4)]
        } else {
            var organRight = 2.0
            var dateRight = organRight + organWidth - 2 - dateWidth
            if dateRight < 0 { dateRight = 0; organRight = dateWidth + 2 - organWidth }
            rows = [(closing.organ, organRight), (date, dateRight)]
        }
        let paragraphs = rows.map { text, right in
            #"<p style="padding-right: \#(String(format: "%.2f", right))em">\#(e(text))</p>"#
        }
        return #"<div class="closing">"# + paragraphs.joined() + "</div>"
    }

    private func lines(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { XMLText.escaped(String($0)) }.joined(separator: "<br>")
    }

    /// Page 210 × 297 mm, margins 37 / 26 / 35 / 28 mm; 16 pt body on a 28.95 pt line (225 mm / 22)
    /// with letter-spacing −0.207 pt so that 28 characters fill 156 mm (the docx grid's pitch).
    static let style = """
    @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
    @page :right { @bottom-right { content: "— " counter(page) " —"; font: 14pt "宋体", SimSun, "Songti SC", serif; vertical-align: top; padding-top: 7mm; margin-right: 1em; } }
    @page :left { @bottom-left { content: "— " counter(page) " —"; font: 14pt "宋体", SimSun, "Songti SC", serif; vertical-align: top; padding-top: 7mm; margin-left: 1em; } }
    html { background: #e8e8e8; }
    body { margin: 0; color: #000; }
    .sheet { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 12px auto; padding: 37mm 26mm 35mm 28mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.3);
      font-family: "仿宋_GB2312", "仿宋", FangSong, "FangSong_GB2312", STFangsong, "Fangsong SC", serif;
      font-size: 16pt; line-height: 28.95pt; letter-spacing: -0.207pt; text-align: justify; }
    .sheet p, .sheet h1, .sheet h2, .sheet h3, .sheet h4 { margin: 0; font-size: 16pt; font-weight: normal; }
    .sheet p, .sheet h2, .sheet h3, .sheet h4 { text-indent: 2em; }
    .sheet h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "宋体", SimSun, "Songti SC", serif; font-size: 22pt; line-height: 28.95pt; text-align: center; text-indent: 0; padding: 0.2em 0; }
    .sheet h2 { font-family: "黑体", SimHei, "Heiti SC", sans-serif; }
    .sheet h3 { font-family: "楷体_GB2312", "楷体", KaiTi, STKaiti, "Kaiti SC", serif; }
    .sheet p.number { text-align: center; text-indent: 0; }
    .sheet p.blank { height: 28.95pt; }
    .sheet p.addressee { text-indent: 0; }
    .sheet .closing { margin-top: 28.95pt; break-inside: avoid; }
    .sheet .closing p { text-indent: 0; text-align: right; }
    .sheet .record { margin-top: 28.95pt; border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000; break-inside: avoid; }
    .sheet .record p { font-size: 14pt; line-height: 1.5; letter-spacing: 0; padding: 0 1em 0 4em; text-indent: -3em; }
    @media print {
      html { background: none; }
      .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
    }
    """
}
