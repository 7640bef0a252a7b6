import Fluent
import FazhiCore

extension LegalAidModule {
    /// 申请法律援助 online (法律援助法第三十八条、第四十一条): the matter, the kind of case, the other side, the household's
    /// means and the statuses that waive the check; as the resident fills it in, the line's self-check (初步审查) says
    /// whether they likely qualify, on what ground, and what to bring — it decides nothing, the centre does.
    static let portalApplication = PortalApplication.of(
        registration, code: "legal-aid", title: "法律援助申请",
        summary: "经济困难或符合法定情形的，可以申请免费的法律咨询、代理和刑事辩护。",
        guidance: [
            "法律援助机构自收到申请之日起七日内审查决定（法律援助法第四十三条）。",
            "请如实填写家庭人口、收入和资产；未成年人、残疾人、农民工追索劳动报酬等法定情形可以免予核查经济困难状况（第三十二条、第四十二条）。",
            "填写过程中，下方「初步审查」会根据您填写的情况提示可能适用的条件和需要携带的材料，仅供参考。",
        ],
        fieldNames: ["matter", "caseType", "opponents", "householdMembers", "monthlyIncome", "assets", "selfDeclared", "noFixedIncome",
                     "claimsWagesOrInjury"] + statusFields.map(\.name) + ["summary"],
        applicantField: "applicants",
        fixed: { today in ["receivedOn": .text(today.description), "channel": .text(LegalAidChannel.portal.rawValue)] },
        templates: LegalAidInstruments.templates,
        residentWords: { LegalAidState(rawValue: $0)?.residentWords },
        advice: { form, db in
            guard let members = form["householdMembers"].flatMap({ Int($0) }), let income = form["monthlyIncome"].flatMap({ Int($0) }) else {
                return ["填写家庭人口和家庭月收入后，这里会提示您可能适用的条件。"]
            }
            let statuses = zip(AidedPersonStatus.allCases, statusFields).filter { form[$0.1.name] == "on" }.map(\.0.rawValue)
            guard let check = try? await LegalAidLawyerPages.selfCheck(.init(
                householdMembers: members, monthlyIncome: income, assets: form["assets"].flatMap { Int($0) } ?? 0,
                selfDeclared: form["selfDeclared"] == "on", statuses: statuses, noFixedIncome: form["noFixedIncome"] == "on",
                claimsWagesOrInjury: form["claimsWagesOrInjury"] == "on"), db: db) else {
                return ["请检查家庭人口、收入和资产的填写。"]
            }
            return [(check.likely ? "按您填写的情况，您可能符合法律援助条件：" : "按您填写的情况，您可能不符合经济困难标准：") + check.decision.reason,
                    "申请时请准备：" + check.bring.joined(separator: "；") + "。"]
        },
        demoForm: { random, context in
            // A worker owed wages by a company, the commonest application the centre takes.
            let type = random.pick(try await LegalAidCaseType.all(on: context.db))
            let company = random.pick(DemoPeople.companies)
            let months = random.int(2...6)
            return ["matter": "civil", "caseType": type.code, "opponentKind": "organisation",
                    "opponentName": company, "opponentCreditCode": DemoPeople.creditCode(&random),
                    "householdMembers": String(random.int(1...5)), "monthlyIncome": String(random.int(0...3) * 1000), "assets": "0",
                    "claimsWagesOrInjury": "on", "statusMigrantWorker": random.chance(0.6) ? "on" : "",
                    "summary": "\(company)拖欠申请人\(months)个月工资共计\(months * random.int(4...7) * 1000)元，多次催要未果，请求援助追索"]
        })

    static var portalApplications: [PortalApplication] { [portalApplication] }
}
