import Fluent
import FazhiCore
import Vapor

/// 行政应诉: lawsuits against district agencies — the defence deadline, hearings and who appeared for the agency.
enum LitigationModule: Module {
    static var migrations: [any Migration] { [CreateLitigationDetails()] }

    static var lines: [WorkLine] { [.litigation] }

    static var caseLines: [CaseLineHandler] { [.of(LitigationRules.self)] }

    static var deadlineRules: [DeadlineRule] { LitigationRules.deadlineRules }

    static var metrics: [MetricComputation] { [LitigationMetrics.headAppearanceRate] }

    static var reportFigures: [ReportFigures] { [LitigationRules.reportFigures] }

    static var partyRoles: [String: String] { ["plaintiff": "原告"] }

    static var demoAccounts: [DemoAccount] { [("yingsu", "赵应诉", "120102-YS", .officer, .litigation)] }

    static func loadDemo(_ demo: DemoCases, random: inout DemoRandom) async throws -> [String] {
        try await demo.loadLitigation(officer: try await demo.user("yingsu"), random: &random)
    }

    static var caseSheets: [any CaseSheet.Type] { [LitigationSheet.self] }

    static let queues: [CaseQueue] = [
        .states("awaitingDefence", "待答辩", ["awaitingDefence"]),
        .mine, .dueSoon, .overdue, .open, .concluded, .all,
    ]

    struct Detail: Content {
        let court: String
        let courtCaseNumber: String
        let claims: String
        let hearings: [LitigationHearing]
        let result: String?
    }

    /// The lawsuit's court, number and claims from its detail row; the hearings and the judgment from the dossier.
    static let api = CaseAPI<LitigationRules, Detail>(path: "litigation", queues: queues) { db, record, dossier in
        let detail = try await LitigationDetail.query(on: db).filter(\.$caseRecord.$id == record.id!).first()
        return Detail(court: detail?.court ?? "", courtCaseNumber: detail?.courtCaseNumber ?? "", claims: detail?.claims ?? "",
                      hearings: dossier.hearings, result: dossier.result?.label)
    }

    static let pages = CasePages<LitigationRules, Detail>(
        api: api, base: "/litigation", title: "行政应诉", agencyHeader: "被告",
        queueLinks: [("/litigation/new", "登记应诉案件"), ("/litigation/import", "从 Excel 导入案件"),
                     ("/litigation/head-appearance", "负责人出庭应诉率")],
        facts: { record, _, detail in
            [("法院", detail.court), ("法院案号", detail.courtCaseNumber), ("诉讼请求", detail.claims),
             ("收到起诉状副本", record.receivedOn), ("结果", detail.result ?? "—")]
        },
        forms: forms)

    static var navigation: [NavItem] {
        [NavItem(section: "业务办理", title: "行政应诉", path: "/litigation", isVisible: { $0.canRead(.litigation) })]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.post("api", "v1", "litigation", "cases", use: register).openAPI(
            "登记应诉案件：法院、法院案号、被告行政机关、原告、诉讼请求、收到起诉状副本日期（答辩期15日）", tag: "litigation",
            body: ["type": "object", "required": ["servedOn", "court", "courtCaseNumber", "claims", "defendantID", "plaintiffs"]],
            responses: [201: "已登记", 422: "输入有误（field 指明字段）"])
        routes.get("api", "v1", "litigation", "head-appearance", use: headAppearance)
            .openAPI("负责人出庭应诉率：全区及各行政机关（year）", tag: "litigation")
        routes.get("litigation", "new", use: newForm)
        routes.post("litigation", use: registerFromForm)
        routes.get("litigation", "head-appearance", use: headAppearancePage)
        CaseImportPages<LitigationSheet>.routes(routes)
        api.register(routes)
        pages.register(routes)
    }

    /// The form of each step recorded on the case page; `LitigationRules.allowedEvents` says which the state allows.
    static let forms: [CaseViews.Action] = [
        .init(kind: "submitDefence", title: "提交答辩状及证据", fields: []),
        .init(kind: "holdHearing", title: "登记开庭及出庭情况", fields: [
            .checkbox("headAppeared", "行政机关负责人出庭"), .text("appearerName", "出庭人员姓名"), .text("appearerTitle", "出庭人员职务"),
            .select("excuse", "负责人未出庭的正当理由（负责人出庭时不填）", HeadAbsenceExcuse.allCases.map { ($0.rawValue, $0.label) },
                    blank: "（负责人已出庭）", required: false),
            .text("proofDescription", "证明材料（加盖机关印章的情况说明等；负责人出庭时不填）", required: false),
        ]),
        .init(kind: "judge", title: "登记判决", fields: [.select("result", "判决结果", LitigationJudgmentResult.allCases.map { ($0.rawValue, $0.label) })]),
        .init(kind: "withdraw", title: "原告撤诉", fields: []),
        .init(kind: "close", title: "结案归档", fields: [.text("reason", "说明（未判决或撤诉而结案的，写明原因）", required: false)]),
    ]

    // MARK: Registration

    static func registration(_ req: Request) async throws -> LitigationRegistration {
        let current = try req.requireCurrent()
        return LitigationRegistration(db: req.db, scope: current.scope, actor: current.actor,
                                      calendar: try await req.calendarStore.calendar(), protection: req.dataProtection)
    }

    static func register(_ req: Request) async throws -> Response {
        let input = try req.content.decode(LitigationRegistration.Input.self)
        return try await api.answer(req, with: try await registration(req).register(input, today: ChinaTime.today), status: .created)
    }

    static func newForm(_ req: Request) async throws -> Response {
        try await renderForm(req, state: FormState(values: ["servedOn": ChinaTime.today.description]))
    }

    static func registerFromForm(_ req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        let input = LitigationRegistration.Input(servedOn: form["servedOn"], court: form["court"], courtCaseNumber: form["courtCaseNumber"], claims: form["claims"],
                          defendantID: form["defendantID"].flatMap(UUID.init(uuidString:)),
                          plaintiffs: [PartyInput(role: "plaintiff", kind: form["plaintiffKind"] ?? "person", name: form["plaintiffName"],
                                                  idNumber: form["plaintiffIdNumber"], creditCode: form["plaintiffCreditCode"])])
        do {
            let record = try await registration(req).register(input, today: ChinaTime.today)
            return req.redirect(to: "/litigation/\(record.id!)")
        } catch let errors as ValidationErrors {
            let mapped = ValidationErrors(errors.errors.map {
                FieldError(field: flatFormField($0.field, ["plaintiffs[0].": "plaintiff"]), message: $0.message, code: $0.code)
            })
            return try await renderForm(req, state: FormState(values: form, errors: mapped), status: .unprocessableEntity)
        }
    }

    private static func renderForm(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let agencies = try await OrgDirectory.agencies(for: .litigation, scope: try req.scope, on: req.db)
        return try await req.page("登记行政应诉案件", status: status) {
            el("form", Attribute("method", "post"), Attribute("action", "/litigation"), .class("card"), Attribute("novalidate", nil)) {
                errorSummary(state)
                csrfField(current.session.csrfToken)
                textField("servedOn", label: "收到起诉状副本日期", state: state, type: "date", required: true, hint: "答辩期自此日起算15日（行政诉讼法第六十七条）")
                textField("court", label: "受理法院", state: state, required: true)
                textField("courtCaseNumber", label: "法院案号", state: state, required: true)
                selectField("defendantID", label: "被告行政机关", options: agencies.map { ($0.id!.uuidString, $0.name) }, state: state, required: true)
                selectField("plaintiffKind", label: "原告类型", options: [("person", "自然人"), ("organisation", "法人或其他组织")], state: state, blank: nil)
                textField("plaintiffName", label: "原告", state: state, required: true)
                textField("plaintiffIdNumber", label: "原告公民身份号码", state: state)
                textField("plaintiffCreditCode", label: "原告统一社会信用代码", state: state)
                textArea("claims", label: "诉讼请求", state: state)
                submitButton("登记")
            }
        }
    }

    // MARK: Head appearance

    static func headAppearance(_ req: Request) async throws -> LitigationMetrics.Appearance {
        let scope = try req.scope
        guard scope.canRead(.litigation) else { throw Abort(.forbidden, reason: "您没有查看行政应诉的权限") }
        let year = (try? req.query.get(Int.self, at: "year")) ?? ChinaTime.today.year
        return try await LitigationMetrics.appearance(ReportQuery(db: req.db, year: year, orgIDs: Array(scope.readableOrgIDs(.litigation))))
    }

    static func headAppearancePage(_ req: Request) async throws -> Response {
        let appearance = try await headAppearance(req)
        return try await req.page("\(appearance.year)年行政机关负责人出庭应诉") {
            el("p", .class("lead")) {
                "全区开庭 \(appearance.district.hearings) 次，负责人出庭 \(appearance.district.appeared) 次，出庭应诉率 \(appearance.district.rateText)。"
            }
            dataTable(headers: ["行政机关", "开庭", "负责人出庭", "出庭率"], rows: appearance.agencies.map { row in
                [.text(row.name), .text(String(row.hearings)), .text(String(row.appeared)), .text(row.rateText)]
            }, empty: "本年度暂无开庭记录")
        }
    }
}
