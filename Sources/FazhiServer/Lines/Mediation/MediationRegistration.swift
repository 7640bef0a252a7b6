import Fluent
import FazhiCore
import Vapor

extension MediationModule {
    /// 纠纷登记: a dispute brought to a committee — by the parties, found in a screening, or referred — registered at
    /// the committee (the registering office must be one). The fields of the form, the API body and the import sheet,
    /// declared once.
    static let registration = CaseRegistration<MediationRules>(
        title: "登记矛盾纠纷",
        summary: "登记矛盾纠纷：收到日期、纠纷类型、来源、当事人、纠纷简要情况（在人民调解委员会登记）",
        fields: [
            .init("receivedOn", "收到纠纷日期", .date(notAfterToday: true, defaultsToToday: true), required: true,
                  column: ("receivedOn", "收到日期", "2024-03-04")),
            .init("disputeType", "纠纷类型", .lookup(.init(listName: "本局纠纷类型目录") { db, _ in try await DisputeType.all(on: db) }),
                  required: true, column: ("disputeType", "纠纷类型", "邻里纠纷")),
            .init("source", "纠纷来源", .choice(DisputeSource.allCases.map { ($0.rawValue, $0.label) }, default: DisputeSource.walkIn.rawValue),
                  column: ("source", "纠纷来源（代码）", "walkIn")),
            .init(parties: "applicants", role: "applicant", roleLabel: "申请人", form: .full, required: true, section: "当事人",
                  nameColumn: ("applicant", "申请人", "张三"), identityColumn: ("applicantIdentity", "申请人身份证号/统一社会信用代码", "11010519491231002X")),
            .init(parties: "respondents", role: "respondent", roleLabel: "对方当事人", form: .full, section: "当事人",
                  nameColumn: ("respondent", "对方当事人", "李四"), identityColumn: ("respondentIdentity", "对方当事人身份证号/统一社会信用代码", "")),
            .init("summary", "纠纷简要情况", .text(maxLength: 2000, rows: 4), required: true,
                  column: ("summary", "纠纷简要情况", "楼上漏水致楼下墙面受损，双方就赔偿发生争执")),
        ],
        // A dispute is mediated by a committee: it is registered there, so its mediators and the station above see it.
        check: { values, context, errors in
            guard let org = try await Org.find(values.org, on: context.db), org.kind == .mediationCommittee else {
                errors.add("orgID", "矛盾纠纷须在人民调解委员会登记（请选择调委会）")
                return
            }
        },
        open: { values, context in
            let type = values.text("disputeType")
            let source = DisputeSource(rawValue: values.text("source")) ?? .walkIn
            let label = try await DisputeType.all(on: context.db).first { $0.code == type }?.label ?? type
            let names = (values.parties("applicants") + values.parties("respondents")).prefix(2).map(\.titleName)
            let event = MediationEvent.receive(date: values.date("receivedOn")!, disputeType: type, source: source, summary: values.text("summary"))
            return .init(event: event, agency: nil, title: "\(names.joined(separator: "与"))\(label)", handler: context.scope.userID,
                         details: { record, rows in rows.add(MediationDetail(caseID: record.id!, disputeType: type, source: source)) })
        },
        // A station, or the bureau, registers at one of the committees it works with.
        offices: { db, scope in
            try await Org.query(on: db).filter(\.$kind == .mediationCommittee).filter(\.$active == true)
                .filter(\.$id ~~ Array(scope.actingOrgIDs(.mediation))).sort(\.$code).all().map { ($0.id!, $0.name) }
        })
}
