import Fluent
import FazhiCore
import Vapor

extension LegalAidModule {
    /// The statuses the form asks about, each a flag (`status<Code>`) with its sheet column.
    static let statusFields: [RegistrationField] = AidedPersonStatus.allCases.map { status in
        let name = "status" + status.rawValue.prefix(1).uppercased() + status.rawValue.dropFirst()
        return RegistrationField(name, status.label, .flag(), section: "申请人情况（已提供证明材料的，勾选）",
                                 column: (name, "\(status.label)（是/否）", ""))
    }

    /// 法律援助申请: an application at the centre's window, online or by the 12348 hotline — or a notice of mandatory
    /// defence from a court, procuratorate or police (通知辩护), which needs no means test. The fields of the form, the
    /// API body and the import sheet, declared once.
    static let registration = CaseRegistration<LegalAidRules>(
        title: "登记法律援助申请",
        summary: "登记法律援助申请或通知辩护：收到日期、申请事项、案件类型、渠道、申请人及其经济状况和法定情形、申请事项和理由（在法律援助中心登记）",
        fields: [
            .init("receivedOn", "收到申请（通知）日期", .date(notAfterToday: true, defaultsToToday: true), required: true,
                  column: ("receivedOn", "收到日期", "2025-03-04")),
            .init("matter", "申请事项", .choice(LegalAidMatter.allCases.map { ($0.rawValue, $0.label) }), required: true,
                  column: ("matter", "申请事项（代码）", "civil")),
            .init("caseType", "案件类型", .lookup(.init(listName: "法律援助案件类型目录") { db, _ in try await LegalAidCaseType.all(on: db) }),
                  required: true, column: ("caseType", "案件类型", "追索劳动报酬")),
            .init("channel", "申请渠道", .choice(LegalAidChannel.allCases.map { ($0.rawValue, $0.label) }, default: LegalAidChannel.walkIn.rawValue),
                  column: ("channel", "申请渠道（代码）", "walkIn")),
            .init(parties: "applicants", role: "applicant", roleLabel: "申请人", form: .full, required: true, section: "当事人",
                  nameColumn: ("applicant", "申请人", "张三"), identityColumn: ("applicantIdentity", "申请人身份证号", "11010519491231002X")),
            .init(parties: "opponents", role: "opponent", roleLabel: "对方当事人", form: .full, section: "当事人",
                  nameColumn: ("opponent", "对方当事人", "天津某建筑劳务有限公司"), identityColumn: ("opponentIdentity", "对方当事人身份证号/统一社会信用代码", "")),
            .init("householdMembers", "家庭人口", .integer(1...30, unit: "人"), hint: "通知辩护可不填", section: "经济状况（通知辩护可不填）",
                  column: ("householdMembers", "家庭人口", "3")),
            .init("monthlyIncome", "家庭月收入", .integer(0...10_000_000, unit: "元"), section: "经济状况（通知辩护可不填）",
                  column: ("monthlyIncome", "家庭月收入（元）", "4200")),
            .init("assets", "家庭资产（自住房屋以外）", .integer(0...1_000_000_000, unit: "元"), section: "经济状况（通知辩护可不填）",
                  column: ("assets", "家庭资产（元）", "0")),
            .init("selfDeclared", "以个人诚信承诺说明经济困难状况", .flag(), section: "经济状况（通知辩护可不填）",
                  column: ("selfDeclared", "诚信承诺（是/否）", "是")),
            .init("noFixedIncome", "无固定生活来源", .flag(), section: "经济状况（通知辩护可不填）",
                  column: ("noFixedIncome", "无固定生活来源（是/否）", "")),
            .init("claimsWagesOrInjury", "请求支付劳动报酬或者工伤赔偿", .flag(), section: "经济状况（通知辩护可不填）",
                  column: ("claimsWagesOrInjury", "请求劳动报酬或工伤赔偿（是/否）", "是")),
        ] + statusFields + [
            .init("summary", "申请事项和理由", .text(maxLength: 2000, rows: 4), required: true,
                  column: ("summary", "申请事项和理由", "被拖欠2024年6月至10月工资共计32,000元，请求援助追索")),
        ],
        // An application is made to a legal-aid centre (法律援助法第三十八条): it is registered there.
        check: { values, context, errors in
            guard let org = try await Org.find(values.org, on: context.db), org.kind == .legalAidCentre else {
                errors.add("orgID", "法律援助申请须在法律援助中心登记（请选择法律援助中心）")
                return
            }
            let channel = LegalAidChannel(rawValue: values.text("channel")) ?? .walkIn
            if !channel.isNotice {
                if values.integer("householdMembers") == nil, !errors.errors.contains(where: { $0.field == "householdMembers" }) {
                    errors.add("householdMembers", "申请法律援助须填写家庭人口（《中华人民共和国法律援助法》第四十一条）")
                }
                if values.integer("monthlyIncome") == nil, !errors.errors.contains(where: { $0.field == "monthlyIncome" }) {
                    errors.add("monthlyIncome", "申请法律援助须填写家庭月收入（《中华人民共和国法律援助法》第四十一条）")
                }
            }
        },
        open: { values, context in
            let type = values.text("caseType")
            let channel = LegalAidChannel(rawValue: values.text("channel")) ?? .walkIn
            let matter = LegalAidMatter(rawValue: values.text("matter")) ?? .civil
            let statuses = zip(AidedPersonStatus.allCases, statusFields).filter { values.flag($0.1.name) }.map(\.0)
            let facts = channel.isNotice ? nil : EligibilityFacts(
                householdMembers: values.integer("householdMembers") ?? 1, monthlyIncome: values.integer("monthlyIncome") ?? 0,
                assets: values.integer("assets") ?? 0, selfDeclared: values.flag("selfDeclared"), statuses: statuses,
                hasFixedIncome: !values.flag("noFixedIncome"), claimsWagesOrInjury: values.flag("claimsWagesOrInjury"))
            let label = try await LegalAidCaseType.all(on: context.db).first { $0.code == type }?.label ?? type
            let name = values.parties("applicants").first?.titleName ?? ""
            let event = LegalAidEvent.apply(date: values.date("receivedOn")!, matter: matter, caseType: type, channel: channel, facts: facts,
                                            summary: values.text("summary"))
            return .init(event: event, agency: nil, title: "\(name)\(label)",
                         details: { record, rows in
                             rows.add(LegalAidDetail(caseID: record.id!, caseType: type, matter: matter, channel: channel, statuses: statuses))
                         })
        },
        // A bureau's officer registers at one of its centres.
        offices: { db, scope in
            try await Org.query(on: db).filter(\.$kind == .legalAidCentre).filter(\.$active == true)
                .filter(\.$id ~~ Array(scope.actingOrgIDs(.legalAid))).sort(\.$code).all().map { ($0.id!, $0.name) }
        })
}
