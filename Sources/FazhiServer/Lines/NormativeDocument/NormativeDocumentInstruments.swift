import FazhiCore
import FazhiOffice
import Foundation

/// The document of the legality review: the opinion letter (合法性审核意见书) to the drafting agency, in the bureau's name.
enum NormativeDocumentInstruments {
    typealias Template = InstrumentTemplate<NormativeDocumentDossier>
    typealias Context = InstrumentContext<NormativeDocumentDossier>

    static let templates: [Template] = [
        Template(kind: "opinionLetter", title: "行政规范性文件合法性审核意见书", isAvailable: { $0.opinion != nil },
                 addressee: { $0.agencyName.isEmpty ? nil : $0.agencyName },
                 body: { c in
                     let d = c.dossier
                     var blocks: [OfficialDocument.Block] = [
                         .paragraph("你单位于\(d.submittedOn.chinese)送审的《\(d.title)》收悉。根据\(NormativeDocumentRules.basis115)，"
                                    + "我局对该文件草案进行了合法性审核，现提出审核意见如下："),
                         .paragraph("审核意见：\(d.opinion?.label ?? "")。"),
                     ]
                     if let text = d.opinionText, !text.isEmpty { blocks.append(.paragraph(text)) }
                     if let articles = d.articles, !articles.isEmpty { blocks.append(.paragraph("依据：\(articles)")) }
                     blocks.append(.paragraph(d.opinion == .unlawful
                         ? "经审核不合法的文件草案，不得提交集体审议。请修改后重新送审。"
                         : "请你单位研究采纳审核意见，按程序提请集体审议；文件公布后按规定报送备案。"))
                     return blocks
                 }),
    ]

    static func specimens() throws -> [Context] {
        func day(_ month: Int, _ day: Int) -> CivilDate { CivilDate(year: 2024, month: month, day: day)! }
        let dossier = try NormativeDocumentRules.replay([
            .submit(date: day(4, 1), title: "河东区养老服务补贴管理办法"),
            .giveOpinion(date: day(4, 12), opinion: .lawfulWithChanges, articles: "《中华人民共和国行政许可法》第十七条",
                         text: "一、第十二条规定的“经区民政局审批后方可申领”，属于增设行政许可，建议删除；二、第二十条罚款条款缺乏上位法依据，建议删除。"),
        ], calendar: try WorkingCalendar.bundled())
        return [Context(caseNumber: "东规审〔2024〕3号", dossier: dossier, agencyName: "河东区民政局", parties: [], organ: "天津市河东区司法局",
                        today: day(4, 12), fields: [:], sections: [:])]
    }
}
