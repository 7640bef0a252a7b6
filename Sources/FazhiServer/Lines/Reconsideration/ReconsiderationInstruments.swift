import FazhiCore
import FazhiOffice

/// The formal documents of reconsideration (RULES.md §3 "Documents"), written from the case's data.
/// Each says the law it rests on, names the parties with their particulars and the act once, and a decision carries
/// the procedure from the events and its operative part per outcome and article; the parts only the officer can
/// write (the parties' positions, the facts found, the reasoning; a mediation's agreed terms) are written on the
/// case's draft page and the document is generated only once they are.
enum ReconsiderationInstruments {
    typealias Template = InstrumentTemplate<ReconsiderationDossier>
    typealias Context = InstrumentContext<ReconsiderationDossier>

    static let law = "《中华人民共和国行政复议法》"

    /// The act without the agency's name: "河市监罚〔2024〕15号行政处罚决定" even when it was registered as
    /// "河东区市场监督管理局河市监罚〔2024〕15号行政处罚决定", so no document names the agency twice.
    static func actTitle(_ c: Context) -> String { actTitle(c.fields["act"] ?? "", agency: c.agencyName) }

    static func actTitle(_ act: String, agency: String) -> String {
        !agency.isEmpty && act.hasPrefix(agency) ? String(act.dropFirst(agency.count)) : act
    }

    /// "申请人张三不服河东区市场监督管理局河市监罚〔2024〕15号行政处罚决定，于2024年3月1日提出的行政复议申请"
    static func application(_ c: Context) -> String {
        "\(c.names("applicant"))不服\(c.agencyName)\(actTitle(c))，于\(c.dossier.receivedOn.chinese)提出的行政复议申请"
    }

    /// The parties as the model texts list them: each applicant and third party with sex, birth date and ID number (or
    /// credit code) and address; the agents; the respondent.
    static func partyBlocks(_ c: Context) -> [OfficialDocument.Block] {
        var blocks: [OfficialDocument.Block] = []
        for party in c.parties where party.role == "applicant" {
            blocks.append(.partyBlock(label: "申请人", lines: [party.particulars + "。"]))
            if let representative = party.legalRepresentative { blocks.append(.partyBlock(label: "法定代表人", lines: [representative + "。"])) }
        }
        for party in c.parties where party.role == "representative" {
            blocks.append(.partyBlock(label: "委托代理人", lines: [party.name + "。"]))
        }
        blocks.append(.partyBlock(label: "被申请人", lines: [c.agencyName + "。"]))
        for party in c.parties where party.role == "thirdParty" {
            blocks.append(.partyBlock(label: "第三人", lines: [party.particulars + "。"]))
            if let representative = party.legalRepresentative { blocks.append(.partyBlock(label: "法定代表人", lines: [representative + "。"])) }
        }
        return blocks
    }

    /// The procedure from the events: received, accepted (and how), suspended and resumed, extended, hearings held.
    static func history(_ c: Context) -> String {
        let dossier = c.dossier
        var steps = ["本机关于\(dossier.receivedOn.chinese)收到"]
        if let accepted = dossier.acceptedOn {
            steps.append("于\(accepted.chinese)依法予以受理，适用\(dossier.procedure?.label ?? "普通程序")审理")
        }
        for suspension in dossier.suspensions {
            steps.append("因\(suspension.ground.label)于\(suspension.suspendedOn.chinese)中止审理"
                + (suspension.resumedOn.map { "，于\($0.chinese)恢复审理" } ?? ""))
        }
        if let granted = dossier.extension { steps.append("经本机关负责人批准，审理期限延长\(granted.days)日") }
        for held in dossier.hearings.compactMap(\.heldOn) { steps.append("于\(held.chinese)举行听证") }
        return steps.joined(separator: "；") + "。"
    }

    /// The operative part, with its article: "根据《中华人民共和国行政复议法》第六十八条的规定，本机关决定：维持被申请人
    /// 河东区市场监督管理局于2024年2月1日作出的河市监罚〔2024〕15号行政处罚决定。"
    static func operative(_ c: Context) -> String {
        let dossier = c.dossier
        guard let outcome = dossier.outcome else { return "" }
        let respondent = "被申请人\(c.agencyName)"
        let act = respondent + (dossier.actDate.map { "于\($0.chinese)" } ?? "") + "作出的\(actTitle(c))"
        let decided = switch outcome {
        case .change: "变更\(act)"
        case .revoke: (dossier.partialRevocation ? "部分撤销" : "撤销") + act
            + (dossier.orderRedo ? "，责令\(respondent)在法定期限内重新作出行政行为" : "")
        case .confirmIllegal: "确认\(act)违法"
        case .orderPerformance: "责令\(respondent)在法定期限内履行法定职责"
        case .confirmInvalid: "确认\(act)无效"
        case .uphold: "维持\(act)"
        case .dismissRequest: "驳回申请人的行政复议请求"
        case .dismissApplication: "驳回申请人的行政复议申请"
        case .agreementRemedy: "责令\(respondent)依法履行行政协议、采取相应的补救措施或者赔偿损失"
        case .compensation: "\(respondent)依法赔偿申请人的损失"
        case .mediation, .settlementWithdrawal, .termination: dossier.outcomeLabel ?? outcome.label
        }
        return "根据\(outcome.basis)的规定，本机关决定：\(decided)。"
    }

    static let lawsuitNotice = "如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼。"

    static let all: [Template] = [
        Template(kind: "acceptanceNotice", title: "行政复议受理通知书", isAvailable: { $0.acceptedOn != nil },
                 addressee: { "\($0.names("applicant"))：" },
                 body: { c in [
                     .paragraph("你（单位）\(application(c))收悉。经审查，该申请符合\(law)第三十条规定的受理条件，本机关决定自\(c.dossier.acceptedOn?.chinese ?? "")起予以受理，适用\(c.dossier.procedure?.label ?? "普通程序")审理。"),
                     .paragraph("特此通知。"),
                 ] }, servedOn: ["applicant"]),
        Template(kind: "supplementNotice", title: "行政复议申请补正通知书", isAvailable: { $0.supplementRequest != nil },
                 addressee: { "\($0.names("applicant"))：" },
                 body: { c in [
                     .paragraph("你（单位）\(application(c))收悉。经审查，申请材料不齐全或者表述不清楚，根据\(law)第三十一条的规定，请你（单位）自收到本通知之日起十个工作日内补正下列材料："),
                     .list([c.dossier.supplementRequest?.items ?? ""]),
                     .paragraph("无正当理由逾期不补正的，视为你（单位）放弃行政复议申请。补正申请材料所用时间不计入行政复议审理期限。"),
                 ] }, servedOn: ["applicant"]),
        Template(kind: "rejectionDecision", title: "不予受理行政复议申请决定书", isAvailable: { $0.rejectedOn != nil },
                 addressee: nil_,
                 body: { c in partyBlocks(c) + [
                     .paragraph("申请人\(application(c))，本机关于\(c.dossier.receivedOn.chinese)收到。"),
                     .paragraph("经审查，\(c.dossier.rejectionReason ?? "")。根据\(law)第三十条的规定，本机关决定不予受理。"),
                     .paragraph(lawsuitNotice),
                 ] }, servedOn: ["applicant"]),
        Template(kind: "replyNotice", title: "行政复议答复通知书", isAvailable: { $0.acceptedOn != nil },
                 addressee: { "\($0.agencyName)：" },
                 body: { c in
                     let days = c.dossier.acceptedProcedure == .simplified ? "五日" : "十日"
                     let article = c.dossier.acceptedProcedure == .simplified ? "第五十四条" : "第四十八条"
                     return [
                         .paragraph("\(c.names("applicant"))不服你单位\(actTitle(c))，向本机关申请行政复议，本机关已依法受理。现将行政复议申请书副本（申请笔录复印件）发送你单位。"),
                         .paragraph("根据\(law)\(article)的规定，请你单位自收到申请书副本之日起\(days)内，提出书面答复，并提交作出行政行为的证据、依据和其他有关材料。逾期未提交的，视为该行政行为没有证据、依据（\(law)第七十条）。"),
                     ]
                 }, servedOn: ["agency"]),
        Template(kind: "suspensionNotice", title: "行政复议中止审理通知书", isAvailable: { !$0.suspensions.isEmpty },
                 addressee: { "\($0.names("applicant"))、\($0.agencyName)：" },
                 body: { c in
                     let suspension = c.dossier.suspensions.last
                     return [
                         .paragraph("本机关受理的\(application(c))一案，因\(suspension?.ground.label ?? "")，根据\(suspension?.ground.basis ?? law)的规定，本案自\(suspension?.suspendedOn.chinese ?? "")起中止审理。中止的原因消除后，本机关将及时恢复审理，并书面告知你们。"),
                     ]
                 }, servedOn: ["applicant", "agency", "thirdParty"]),
        Template(kind: "resumptionNotice", title: "行政复议恢复审理通知书", isAvailable: { $0.suspensions.contains { $0.resumedOn != nil } },
                 addressee: { "\($0.names("applicant"))、\($0.agencyName)：" },
                 body: { c in
                     let suspension = c.dossier.suspensions.last { $0.resumedOn != nil }
                     return [
                         .paragraph("本机关受理的\(application(c))一案，因\(suspension?.ground.label ?? "")于\(suspension?.suspendedOn.chinese ?? "")中止审理。现中止审理的原因已经消除，根据\(law)第三十九条第二款的规定，本案自\(suspension?.resumedOn?.chinese ?? "")起恢复审理。"),
                     ]
                 }, servedOn: ["applicant", "agency", "thirdParty"]),
        Template(kind: "extensionNotice", title: "行政复议延期审理通知书", isAvailable: { $0.extension != nil },
                 addressee: { "\($0.names("applicant"))、\($0.agencyName)：" },
                 body: { c in [
                     .paragraph("本机关受理的\(application(c))一案，因情况复杂，不能在规定期限内作出行政复议决定。根据\(law)第六十二条第一款的规定，经本机关负责人批准，审理期限延长\(c.dossier.extension?.days ?? 0)日。"),
                 ] }, servedOn: ["applicant", "agency", "thirdParty"]),
        Template(kind: "hearingNotice", title: "行政复议听证通知书", isAvailable: { $0.hearing != nil },
                 addressee: { "\($0.names("applicant"))、\($0.agencyName)：" },
                 body: { c in [
                     .paragraph("本机关受理的\(application(c))一案，根据\(law)第五十条、第五十一条的规定，本机关定于\(c.dossier.hearing?.hearingOn.chinese ?? "")举行听证。请准时参加；被申请人的负责人应当参加听证。"),
                     .paragraph("申请人无正当理由拒不参加听证的，视为放弃听证权利。"),
                 ] }, servedOn: ["applicant", "agency", "thirdParty"]),
        Template(kind: "decision", title: "行政复议决定书", isAvailable: { $0.outcome?.isDecision == true },
                 addressee: nil_,
                 body: { c in
                     partyBlocks(c) + [
                         .paragraph("申请人\(application(c))，\(history(c))本案现已审理终结。"),
                         .paragraph("申请人请求：\(c.fields["request"] ?? "")"),
                         .paragraph("申请人称：\(c.sections["applicantClaims"] ?? "")"),
                         .paragraph("被申请人称：\(c.sections["respondentReply"] ?? "")"),
                         .paragraph("经审理查明：\(c.sections["facts"] ?? "")"),
                         .paragraph("本机关认为：\(c.sections["reasoning"] ?? "")"),
                         .paragraph(operative(c)),
                         .paragraph(lawsuitNotice),
                     ]
                 },
                 sections: [
                     .init(key: "applicantClaims", title: "申请人称", hint: "申请人的请求、事实和理由"),
                     .init(key: "respondentReply", title: "被申请人称", hint: "被申请人的答复意见及提交的证据、依据"),
                     .init(key: "facts", title: "经审理查明", hint: "本机关查明的事实及证据"),
                     .init(key: "reasoning", title: "本机关认为", hint: "对事实、证据和法律适用的认定"),
                 ], servedOn: ["applicant", "agency", "thirdParty"]),
        Template(kind: "mediationStatement", title: "行政复议调解书", isAvailable: { $0.outcome == .mediation },
                 addressee: nil_,
                 body: { c in partyBlocks(c) + [
                     .paragraph("申请人\(application(c))，本机关依法予以受理。审理中，经本机关主持调解，双方当事人自愿达成如下协议："),
                     .paragraph(c.sections["agreement"] ?? ""),
                     .paragraph("本调解书根据\(law)第七十三条制作，经各方当事人签字或者签章，并加盖本机关印章，即具有法律效力。"),
                 ] },
                 sections: [.init(key: "agreement", title: "调解协议内容", hint: "双方签字确认的调解协议条款")], servedOn: ["applicant", "agency", "thirdParty"]),
        Template(kind: "terminationDecision", title: "行政复议终止决定书", isAvailable: { $0.terminationGround != nil || $0.outcome == .settlementWithdrawal },
                 addressee: nil_,
                 body: { c in
                     let reason = c.dossier.terminationGround.map { "\($0.label)，根据\($0.basis)的规定" }
                         ?? "申请人与被申请人达成和解，申请人申请撤回行政复议申请，经本机关准许，根据\(law)第七十四条的规定"
                     return partyBlocks(c) + [
                         .paragraph("申请人\(application(c))，本机关依法予以受理。"),
                         .paragraph("审理中，因\(reason)，本机关决定终止本案的行政复议。"),
                     ]
                 }, servedOn: ["applicant", "agency", "thirdParty"]),
        Template(kind: "opinionLetter", title: "行政复议意见书", isAvailable: { !$0.opinionLetters.isEmpty },
                 addressee: { c in "\(c.dossier.opinionLetters.last?.recipient ?? c.agencyName)：" },
                 body: { c in [
                     .paragraph("本机关在办理\(application(c))一案中，发现你单位在相关行政执法活动中存在不合法、不适当的问题。根据\(law)第七十六条的规定，提出如下意见："),
                     .paragraph("请你单位依法予以纠正，健全相关制度，规范执法行为。"),
                     .paragraph("请自收到本意见书之日起六十日内，将纠正相关违法或者不当行政行为的情况报送本机关。"),
                 ] }, servedOn: ["agency"]),
        Template(kind: "recommendationLetter", title: "行政复议建议书", isAvailable: { !$0.recommendationLetters.isEmpty },
                 addressee: { c in "\(c.dossier.recommendationLetters.last?.recipient ?? c.agencyName)：" },
                 body: { c in [
                     .paragraph("本机关在办理\(application(c))一案中，发现有关行政管理工作中存在普遍性问题。根据《中华人民共和国行政复议法实施条例》第六十九条的规定，建议你单位完善相关制度，加强监督管理。"),
                     .paragraph("请将采纳建议的情况函告本机关。"),
                 ] }, servedOn: ["agency"]),
    ]

    /// For documents addressed to nobody in particular (decisions list the parties instead).
    static let nil_: @Sendable (Context) -> String? = { _ in nil }
}
