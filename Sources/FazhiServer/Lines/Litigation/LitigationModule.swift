import Fluent
import FazhiCore
import Vapor

/// 行政应诉: lawsuits against district agencies — the defence deadline, hearings and who appeared for the agency.
enum LitigationModule: Module {
    static var migrations: [any Migration] { [CreateLitigationDetails()] }

    static var lines: [WorkLine] { [.litigation] }

    static var caseLines: [CaseLineHandler] { [.of(LitigationRules.self, base: "/litigation")] }

    static var deadlineRules: [DeadlineRule] { LitigationRules.deadlineRules }

    static var metrics: [MetricComputation] { [LitigationMetrics.headAppearanceRate] }

    static var reportFigures: [ReportFigures] { [LitigationRules.reportFigures] }

    static var partyRoles: [String: String] { registration.partyRoles }

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
        routes.get("api", "v1", "litigation", "head-appearance", use: headAppearance)
            .openAPI("负责人出庭应诉率：全区及各行政机关（year）", tag: "litigation")
        registration.routes(routes, api: api, base: "/litigation")
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
