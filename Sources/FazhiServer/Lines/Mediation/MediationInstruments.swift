import FazhiCore
import FazhiOffice
import Foundation

/// The documents of people's mediation: the written agreement (人民调解协议书, 人民调解法第二十九条), issued in the
/// committee's name and served on each party.
enum MediationInstruments {
    typealias Template = InstrumentTemplate<MediationDossier>
    typealias Context = InstrumentContext<MediationDossier>

    static let law = "《中华人民共和国人民调解法》"

    static let templates: [Template] = [
        Template(kind: "agreement", title: "人民调解协议书", isAvailable: { $0.agreement?.form == .written },
                 addressee: { _ in nil },
                 body: { c in
                     partyBlocks(c) + [
                         .paragraph("纠纷主要事实、争议事项：\(c.fields["summary"] ?? c.dossier.disputeSummary)"),
                         .paragraph("本纠纷于\(c.dossier.receivedOn.chinese)由本委员会受理"
                                    + (c.dossier.mediatorName.map { "，指定人民调解员\($0)主持调解" } ?? "")
                                    + "。经调解，双方当事人自愿达成如下协议："),
                         .paragraph(c.dossier.agreement?.terms ?? ""),
                         .paragraph("本协议经双方当事人签名（盖章或者按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效，"
                                    + "具有法律约束力，当事人应当按照约定履行（\(law)第二十九条、第三十一条）。"),
                         .paragraph("双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认（\(law)第三十三条）。"),
                         .paragraph("本协议一式三份，双方当事人、人民调解委员会各持一份。"),
                         .paragraph("当事人（签名）：　　　　　　　　当事人（签名）："),
                         .paragraph("人民调解员（签名）：\(c.dossier.mediatorName ?? "")"),
                     ]
                 }, servedOn: ["applicant", "respondent"]),
    ]

    static func partyBlocks(_ c: Context) -> [OfficialDocument.Block] {
        var blocks: [OfficialDocument.Block] = []
        for (role, label) in [("applicant", "当事人（申请人）"), ("respondent", "当事人（对方）")] {
            for party in c.parties where party.role == role {
                blocks.append(.partyBlock(label: label, lines: [party.particulars + "。"]))
                if let representative = party.legalRepresentative { blocks.append(.partyBlock(label: "法定代表人", lines: [representative + "。"])) }
            }
        }
        return blocks
    }

    /// A written agreement as long as a real one, printed by the layout test.
    static func specimens() throws -> [Context] {
        func day(_ month: Int, _ day: Int) -> CivilDate { CivilDate(year: 2024, month: month, day: day)! }
        let dossier = try MediationRules.replay([
            .receive(date: day(3, 4), disputeType: "neighbour", source: .walkIn, summary: "申请人住所楼上住户家中水管破裂，致申请人住房顶棚及墙面受损，双方就维修费用和赔偿数额发生争执。"),
            .accept(date: day(3, 4), mediatorID: UUID(), mediatorName: "周调解"),
            .holdSession(date: day(3, 6), note: "双方到场"),
            .agree(date: day(3, 8), form: .written, terms: "一、被申请人于2024年3月31日前一次性赔偿申请人顶棚及墙面维修费用人民币叁仟元整；"
                   + "二、被申请人于2024年3月15日前完成自家水管的检修，避免再次漏水；三、申请人收到赔偿款后，双方就本纠纷再无其他争议。"),
        ], calendar: try WorkingCalendar.bundled())
        let parties = [
            InstrumentParty(role: "applicant", kind: "person", name: "张三", idNumber: "120102198503150011", creditCode: nil,
                            address: "天津市河东区春华街道鲁山道红星里小区3号楼2门401室"),
            InstrumentParty(role: "respondent", kind: "person", name: "李四", idNumber: "120102197906120025", creditCode: nil,
                            address: "天津市河东区春华街道鲁山道红星里小区3号楼2门501室"),
        ]
        return [Context(caseNumber: "东调〔2024〕15号", dossier: dossier, agencyName: "", parties: parties,
                        organ: "天津市河东区春华街道嘉华里社区人民调解委员会", today: day(3, 8),
                        fields: ["summary": dossier.disputeSummary], sections: [:])]
    }
}
