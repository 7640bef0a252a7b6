import FazhiCore
import Foundation

/// A formal document (公文 or 法律文书: 行政复议决定书, 受理通知书, the annual report, …) as plain data,
/// laid out by `DocxWriter` and `PrintableHTML` per GB/T 9704-2012 《党政机关公文格式》.
///
/// Text is given as it should read; the renderers escape it, number the headings and lists, and place
/// every element where the standard puts it.
public struct OfficialDocument: Hashable, Sendable {
    /// 文种, e.g. 行政复议决定书. Printed on the second title line, under the organ.
    public var kind: String
    /// 发文机关, e.g. 天津市河东区人民政府. Printed on the first title line (标题 = 发文机关 + 文种, 7.3.1).
    public var organ: String
    /// 发文字号 or 案号, e.g. 东政复〔2024〕12号; nil for a draft not yet numbered.
    public var number: String?
    /// 主送 line, e.g. 区属各单位： or 申请人：张某某; printed flush left as given (7.3.2).
    public var addressee: String?
    /// 正文, in reading order.
    public var body: [Block]
    /// 发文机关署名, 成文日期 and the seal (7.3.5).
    public var closing: Closing
    /// 抄送机关 (7.4.2); empty when there is none.
    public var copyTo: [String]
    /// 附注 (7.3.6), e.g. 此件公开发布; printed in parentheses under the date.
    public var note: String?

    public init(kind: String, organ: String, number: String? = nil, addressee: String? = nil, body: [Block],
         closing: Closing, copyTo: [String] = [], note: String? = nil) {
        self.kind = kind
        self.organ = organ
        self.number = number
        self.addressee = addressee
        self.body = body
        self.closing = closing
        self.copyTo = copyTo
        self.note = note
    }

    /// One element of the body.
    public enum Block: Hashable, Sendable {
        /// A structural heading; the renderer numbers it 一、 (level 1, 黑体), （一） (level 2, 楷体) or
        /// 1. (level 3, 仿宋) per 7.3.3, so `text` carries no number. Levels outside 1...3 are clamped.
        case heading(level: Int, text: String)
        /// A body paragraph, first line indented two characters (7.3.3: 每个自然段左空二字).
        case paragraph(String)
        /// A party's particulars: `label：lines[0]`, then each further line as its own paragraph,
        /// e.g. label 被申请人, lines [天津市河东区某局。, 法定代表人：李某，局长。].
        case partyBlock(label: String, lines: [String])
        /// An enumeration; each item becomes a paragraph numbered （1）, （2）, … (the fourth level of 7.3.3).
        case list([String])
    }

    /// 发文机关署名 and 成文日期, with or without a seal.
    public struct Closing: Hashable, Sendable {
        /// 发文机关署名, e.g. 河东区司法局.
        public var organ: String
        /// 成文日期.
        public var date: IssueDate
        /// What to print where the seal goes, e.g. （印章）; nil for a document issued without a seal.
        /// With a seal the date sits four characters from the right and the organ is centred on it
        /// (7.3.5.2); without one the organ sits two characters from the right and the date under it,
        /// shifted two characters right (7.3.5.3).
        public var sealNote: String?

        public init(organ: String, date: IssueDate, sealNote: String? = nil) {
            self.organ = organ
            self.date = date
            self.sealNote = sealNote
        }
    }

    /// 成文日期: a calendar day written 2024年1月17日, Arabic numerals, no leading zeros (7.3.5.2).
    public struct IssueDate: Hashable, Sendable {
        public var year: Int
        public var month: Int
        public var day: Int

        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }

        /// The calendar day `day` (the caller takes it in China: `ChinaTime`).
        public init(_ day: CivilDate) {
            self.init(year: day.year, month: day.month, day: day.day)
        }

        public var text: String { "\(year)年\(month)月\(day)日" }
    }

    /// The two title lines: the organ, then the kind.
    public var titleLines: [String] { [organ, kind].filter { !$0.isEmpty } }

    /// The body as printed: one entry per paragraph, with heading and list numbers filled in.
    var printedBody: [PrintedParagraph] {
        var printed: [PrintedParagraph] = []
        var counters = [0, 0, 0]
        for block in body {
            switch block {
            case .heading(let level, let text):
                let index = min(max(level, 1), 3) - 1
                counters[index] += 1
                for deeper in (index + 1)..<counters.count { counters[deeper] = 0 }
                let number = Self.headingNumber(counters[index], level: index + 1)
                printed.append(PrintedParagraph(role: .heading(index + 1), text: number + text))
            case .paragraph(let text):
                printed.append(PrintedParagraph(role: .paragraph, text: text))
            case .partyBlock(let label, let lines):
                let first = label + "：" + (lines.first ?? "")
                printed.append(PrintedParagraph(role: .party, text: first))
                for line in lines.dropFirst() { printed.append(PrintedParagraph(role: .party, text: line)) }
            case .list(let items):
                for (offset, item) in items.enumerated() {
                    printed.append(PrintedParagraph(role: .listItem, text: "（\(offset + 1)）" + item))
                }
            }
        }
        return printed
    }

    /// A paragraph of the body as it will be printed.
    struct PrintedParagraph: Hashable, Sendable {
        enum Role: Hashable, Sendable {
            case heading(Int)
            case paragraph
            case party
            case listItem
        }

        var role: Role
        var text: String
    }

    /// The whole document as plain text in reading order, one paragraph a line: for search and tests.
    var plainText: String {
        var lines = titleLines
        if let number { lines.append(number) }
        if let addressee { lines.append(addressee) }
        lines += printedBody.map(\.text)
        if let sealNote = closing.sealNote { lines.append(sealNote) }
        lines.append(closing.organ)
        lines.append(closing.date.text)
        if let printedNote { lines.append(printedNote) }
        if let printedCopyTo { lines.append(printedCopyTo) }
        return lines.joined(separator: "\n")
    }

    /// 附注 in full-width parentheses (7.3.6), unless the caller already wrote them.
    var printedNote: String? {
        guard let note, !note.isEmpty else { return nil }
        return note.hasPrefix("（") ? note : "（\(note)）"
    }

    /// 抄送：A，B。 (7.4.2: full-width colon, organs separated by commas, a full stop after the last).
    var printedCopyTo: String? {
        let organs = copyTo.filter { !$0.isEmpty }
        guard !organs.isEmpty else { return nil }
        return "抄送：" + organs.joined(separator: "，") + "。"
    }

    /// 一、 / （一） / 1. for the three heading levels of 7.3.3, with the numerals the annual report's draft uses.
    static func headingNumber(_ n: Int, level: Int) -> String {
        switch level {
        case 1: return ChineseNumeral.sectionMarker(n)
        case 2: return ChineseNumeral.subsectionMarker(n)
        default: return "\(n)."
        }
    }
}
