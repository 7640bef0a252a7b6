import Fluent
import FazhiCore
import Vapor

extension NotaryModule {
    /// 公证申请登记: an application registered at the notary office (the registering office must be one). The fields of
    /// the form, the API body and the import sheet, declared once.
    static let registration = CaseRegistration<NotaryRules>(
        title: "登记公证申请",
        summary: "登记公证申请：收到日期、公证事项类型、申请人、用途（使用地）、申请公证的事项（在公证处登记）",
        fields: [
            .init("receivedOn", "收到申请日期", .date(notAfterToday: true, defaultsToToday: true), required: true,
                  column: ("receivedOn", "收到日期", "2025-03-04")),
            .init("matterType", "公证事项类型", .lookup(.init(listName: "公证事项类型目录") { db, _ in try await NotaryMatterType.all(on: db) }),
                  required: true, column: ("matterType", "公证事项类型", "继承")),
            .init(parties: "applicants", role: "applicant", roleLabel: "申请人", form: .full, required: true, section: "申请人",
                  nameColumn: ("applicant", "申请人", "张三"), identityColumn: ("applicantIdentity", "申请人身份证号/统一社会信用代码", "11010519491231002X")),
            .init("purpose", "用途（涉外公证写明使用地国家或地区）", .text(maxLength: 200), column: ("purpose", "用途", "办理房产继承过户")),
            .init("summary", "申请公证的事项", .text(maxLength: 2000, rows: 4), required: true,
                  column: ("summary", "申请公证的事项", "申请人继承其父遗留的房产一处")),
        ],
        // A matter is handled by a notary office: it is registered there, so its staff and the bureau above see it.
        check: { values, context, errors in
            guard let org = try await Org.find(values.org, on: context.db), org.kind == .notaryOffice else {
                errors.add("orgID", "公证申请须在公证处登记（请选择公证处）")
                return
            }
        },
        open: { values, context in
            let type = values.text("matterType")
            let label = try await NotaryMatterType.all(on: context.db).first { $0.code == type }?.label ?? type
            let names = values.parties("applicants").prefix(2).map(\.titleName)
            let event = NotaryEvent.receive(date: values.date("receivedOn")!, matterType: type, purpose: values.text("purpose"), summary: values.text("summary"))
            // The registering clerk handles it; an import run from the command line (no signed-in user) names none.
            let handler = try await User.find(context.scope.userID, on: context.db)?.id
            return .init(event: event, agency: nil, title: "\(names.joined(separator: "、"))\(label)公证", handler: handler,
                         details: { record, rows in rows.add(NotaryDetail(caseID: record.id!, matterType: type)) })
        },
        // The bureau registers at one of the offices in its scope.
        offices: { db, scope in
            try await Org.query(on: db).filter(\.$kind == .notaryOffice).filter(\.$active == true)
                .filter(\.$id ~~ Array(scope.actingOrgIDs(.notary))).sort(\.$code).all().map { ($0.id!, $0.name) }
        })
}
