import Fluent
import FazhiCore
import Vapor

extension LitigationModule {
    /// 应诉登记: a lawsuit against a district agency, registered when the copy of the complaint is served; the defence
    /// deadline (15 days, 行政诉讼法第六十七条) starts from that day. The fields of the form, the API body and the import
    /// sheet, declared once.
    static let registration = CaseRegistration<LitigationRules>(
        title: "登记行政应诉案件",
        summary: "登记应诉案件：法院、法院案号、被告行政机关、原告、诉讼请求、收到起诉状副本日期（答辩期15日）",
        fields: [
            .init("servedOn", "收到起诉状副本日期", .date(notAfterToday: true, defaultsToToday: true), required: true,
                  hint: "答辩期自此日起算15日（行政诉讼法第六十七条）", column: ("servedOn", "收到起诉状副本日期", "2024-04-08")),
            .init("court", "受理法院", .text(maxLength: 100), required: true, column: ("court", "受理法院", "天津市河东区人民法院")),
            .init("courtCaseNumber", "法院案号", .text(maxLength: 60), required: true,
                  column: ("courtCaseNumber", "法院案号", "（2024）津0102行初15号")),
            .init("defendantID", "被告", .agency, required: true, column: ("defendant", "被告", "河东区市场监督管理局")),
            .init(parties: "plaintiffs", role: "plaintiff", roleLabel: "原告", form: .full, required: true,
                  nameColumn: ("plaintiff", "原告", "张三"),
                  identityColumn: ("identity", "原告身份证号/统一社会信用代码", "11010519491231002X")),
            .init("claims", "诉讼请求", .text(maxLength: 2000, rows: 3), required: true,
                  column: ("claims", "诉讼请求", "撤销东市监罚〔2024〕15号行政处罚决定")),
        ],
        // A court case number names one lawsuit: registered once in the bureau (the import skips it as already present).
        check: { values, context, errors in
            let court = values.text("court")
            let number = values.text("courtCaseNumber")
            guard !court.isEmpty, !number.isEmpty else { return }
            if let registered = try await LitigationDetail.registered(court: court, courtCaseNumber: number,
                                                                      bureauID: try await bureau(of: values.org, on: context.db), on: context.db) {
                errors.add("courtCaseNumber", "\(court)\(number)已登记为应诉案件\(registered.caseRecord.caseNumber)")
            }
        },
        open: { values, context in
            let defendant = values.agency("defendantID")!
            let court = values.text("court")
            let number = values.text("courtCaseNumber")
            let claims = values.text("claims")
            let bureau = try await bureau(of: values.org, on: context.db)
            let event = LitigationEvent.serve(date: values.date("servedOn")!, court: court, courtCaseNumber: number, claims: claims)
            return .init(event: event, agency: defendant.id, title: "\(values.parties("plaintiffs")[0].titleName)诉\(defendant.name)（\(number)）",
                         details: { record, rows in
                rows.add(LitigationDetail(caseID: record.id!, bureauID: bureau, court: court, courtCaseNumber: number, claims: claims))
            })
        })

    /// The bureau a lawsuit's court case number is unique in.
    private static func bureau(of org: UUID, on db: Database) async throws -> UUID {
        try await OrgDirectory.bureau(of: org, on: db)?.id ?? org
    }
}
