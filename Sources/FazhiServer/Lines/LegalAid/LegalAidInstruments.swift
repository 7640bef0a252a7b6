import FazhiCore
import FazhiOffice
import Foundation

/// The documents of legal aid, issued in the centre's name: the consolidated supplement notice, the decisions to grant
/// and to refuse (with the objection route), the assignment notice to the lawyer's firm and the official letter
/// (法律援助公函) the lawyer hands to the court or other handling body.
enum LegalAidInstruments {
    typealias Template = InstrumentTemplate<LegalAidDossier>
    typealias Context = InstrumentContext<LegalAidDossier>

    static let law = "《中华人民共和国法律援助法》"

    static let templates: [Template] = [
        Template(kind: "supplementNotice", title: "补充材料通知书", isAvailable: { $0.supplementRequestedOn != nil },
                 addressee: { applicantName($0) },
                 body: { c in [
                     .paragraph("你（单位）于\(c.dossier.receivedOn.chinese)提出的法律援助申请（\(c.fields["caseType"] ?? c.dossier.caseType)），经审查，申请材料不齐全。"
                                + "根据\(law)第四十三条的规定，现一次性告知你补充以下材料："),
                     .paragraph(c.dossier.missing ?? ""),
                     .paragraph("请于收到本通知之日起尽快补充上述材料。本中心自收到补充材料之日起七个工作日内作出是否给予法律援助的决定；"
                                + "未按要求补充材料的，视为撤回申请。"),
                 ] }, servedOn: ["applicant"]),
        Template(kind: "grantDecision", title: "给予法律援助决定书",
                 isAvailable: { $0.grantedOn != nil && !$0.channel.isNotice },
                 addressee: { applicantName($0) },
                 body: { c in [
                     .paragraph("你于\(c.dossier.receivedOn.chinese)提出的法律援助申请（\(c.fields["caseType"] ?? c.dossier.caseType)），经审查："
                                + (c.dossier.decision?.reason ?? "") + "。"),
                     .paragraph("根据\(law)第四十三条的规定，本中心决定给予你法律援助，并将在三个工作日内指派律师、基层法律服务工作者或者法律援助志愿者为你提供法律援助。"),
                     .paragraph("受援人应当向法律援助人员如实陈述与法律援助事项有关的情况，及时提供证据材料，协助、配合办理法律援助事项（\(law)第五十五条）。"),
                 ] }, servedOn: ["applicant"]),
        Template(kind: "refusalDecision", title: "不予法律援助决定书", isAvailable: { $0.refusal != nil },
                 addressee: { applicantName($0) },
                 body: { c in [
                     .paragraph("你于\(c.dossier.receivedOn.chinese)提出的法律援助申请（\(c.fields["caseType"] ?? c.dossier.caseType)），经审查："
                                + (c.dossier.refusalExplanation ?? "") + "。"),
                     .paragraph("本中心认为，\(c.dossier.refusal?.label ?? "")（\(c.dossier.refusal?.article ?? law)）。"
                                + (c.dossier.refusal == .notInHardship ? (c.dossier.decision?.reason ?? "") + "。" : "")),
                     .paragraph("根据\(law)第四十三条的规定，本中心决定不予法律援助。"),
                     .paragraph("你如对本决定有异议，可以向设立本中心的司法行政部门提出；司法行政部门应当自收到异议之日起五个工作日内进行审查，作出维持决定或者责令法律援助机构改正的决定（\(law)第四十九条）。"),
                 ] }, servedOn: ["applicant"]),
        Template(kind: "assignmentNotice", title: "指派通知书", isAvailable: { $0.assignment != nil },
                 addressee: { $0.dossier.assignment?.firm },
                 body: { c in
                     let a = c.dossier.assignment
                     return [
                         .paragraph("根据\(law)第四十三条" + (c.dossier.channel.isNotice ? "、第三十六条" : "") + "的规定，本中心指派\(a?.lawyerName ?? "")"
                                    + "为\(applicantName(c) ?? "受援人")提供法律援助（\(c.fields["caseType"] ?? c.dossier.caseType)）。"),
                         .paragraph("案情简要：\(c.fields["summary"] ?? c.dossier.matterSummary)"),
                         .paragraph("请督促承办人员自收到本通知之日起及时与受援人联系，依法履行法律援助义务，不得收取任何财物；"
                                    + "办结后三十日内向本中心提交结案材料（\(law)第五十九条）。"),
                     ]
                 }),
        Template(kind: "officialLetter", title: "法律援助公函", isAvailable: { $0.assignment != nil },
                 addressee: { $0.dossier.channel.isNotice ? "\($0.dossier.channel.label.replacingOccurrences(of: "通知", with: ""))" : "有关办案机关" },
                 body: { c in [
                     .paragraph("本中心已决定为\(applicantName(c) ?? "受援人")提供法律援助，指派\(c.dossier.assignment?.firm ?? "")\(c.dossier.assignment?.lawyerName ?? "")"
                                + "担任其\(c.dossier.matter == .criminalDefence ? "辩护人" : "代理人")。"),
                     .paragraph("特此函告，请予接洽，并依法为法律援助人员履行职责提供便利（\(law)第三十条）。"),
                 ] }),
    ]

    static func applicantName(_ c: Context) -> String? {
        c.parties.first { $0.role == "applicant" }?.name
    }

    /// One case through every document, as long as a real one, printed by the layout test.
    static func specimens() throws -> [Context] {
        func day(_ month: Int, _ day: Int) -> CivilDate { CivilDate(year: 2025, month: month, day: day)! }
        let standard = EligibilityStandard(effectiveFrom: day(1, 1), incomePerHead: 2_320, assets: 50_000, selfDeclarationAllowed: true,
                                           source: "天津市法律援助经济困难标准")
        let facts = EligibilityFacts(householdMembers: 3, monthlyIncome: 4_800, assets: 8_000, selfDeclared: true, statuses: [.migrantWorker],
                                     claimsWagesOrInjury: true)
        let summary = "申请人于2024年3月至10月在被申请人承建的河东区某住宅项目从事木工工作，被拖欠工资共计人民币32,000元，多次催要未果，请求法律援助追索劳动报酬。"
        let calendar = try WorkingCalendar.bundled()
        let granted = try LegalAidRules.replay([
            .apply(date: day(3, 3), matter: .civil, caseType: "wages", channel: .walkIn, facts: facts, summary: summary),
            .requestSupplement(date: day(3, 4), missing: "一、务工证明（劳动合同、考勤记录或工友证言）；二、被拖欠工资的计算依据（工资条、欠条或结算单）；三、经济困难状况说明表（个人诚信承诺）。"),
            .supplement(date: day(3, 7)),
            .grant(date: day(3, 10), standard: standard),
            .assign(date: day(3, 11), lawyerID: UUID(), lawyerName: "王援律", firm: "天津东方律师事务所", skipReason: nil),
        ], calendar: calendar)
        let refused = try LegalAidRules.replay([
            .apply(date: day(4, 1), matter: .civil, caseType: "otherCivil", channel: .walkIn,
                   facts: EligibilityFacts(householdMembers: 2, monthlyIncome: 16_000, assets: 120_000), summary: "房屋买卖合同纠纷，请求代理诉讼。"),
            .refuse(date: day(4, 8), standard: standard, ground: .notInHardship, explanation: "申请人家庭月收入16,000元，家庭人口2人"),
        ], calendar: calendar)
        let applicant = InstrumentParty(role: "applicant", kind: "person", name: "张三", idNumber: "120102198503150011", creditCode: nil,
                                        address: "天津市河东区春华街道鲁山道红星里小区3号楼2门401室")
        func context(_ dossier: LegalAidDossier, number: String, today: CivilDate) -> Context {
            Context(caseNumber: number, dossier: dossier, agencyName: "", parties: [applicant], organ: "天津市河东区法律援助中心", today: today,
                    fields: ["caseType": dossier.caseType == "wages" ? "追索劳动报酬" : "其他民事", "summary": dossier.matterSummary], sections: [:])
        }
        return [context(granted, number: "东法援〔2025〕58号", today: day(3, 11)), context(refused, number: "东法援〔2025〕77号", today: day(4, 8))]
    }
}
