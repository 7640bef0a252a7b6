import Fluent
import FazhiCore
import Vapor

/// 重大行政决策: the year's catalogue of major administrative decisions, each with its five statutory procedures recorded
/// with their evidence, the gate that refuses a decision while a procedure is missing (`MajorDecisionRules`), and
/// post-evaluation; `decision.legality_reviews` counted from the reviews recorded.
enum MajorDecisionModule: Module {
    static var lines: [WorkLine] { [.majorDecision] }

    static var caseLines: [CaseLineHandler] { [.of(MajorDecisionRules.self, base: "/major-decisions")] }

    static var deadlineRules: [DeadlineRule] { MajorDecisionRules.deadlineRules }

    static var metrics: [MetricComputation] { MajorDecisionMetrics.all }

    static var reportFigures: [ReportFigures] { [MajorDecisionRules.reportFigures] }

    static var caseSheets: [any CaseSheet.Type] { [MajorDecisionSheet.self] }

    static var navigation: [NavItem] {
        [NavItem(section: "依法行政", title: "重大行政决策", path: "/major-decisions", isVisible: { $0.canRead(.majorDecision) })]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        registration.routes(routes, api: api, base: "/major-decisions")
        CaseImportPages<MajorDecisionSheet>.routes(routes)
        api.register(routes)
        pages.register(routes)
    }

    static var demoAccounts: [DemoAccount] {
        [("juece", "聂决策", MajorDecisionDemo.officeCode, .officer, .majorDecision)]
    }

    static func loadDemo(_ demo: DemoCases, random: inout DemoRandom) async throws -> [String] {
        try await MajorDecisionDemo(demo: demo).load(random: &random)
    }

    static let queues: [CaseQueue] = [
        .states("listed", "履行程序中", [MajorDecisionState.listed.rawValue]),
        .states("decided", "已作出决策（待后评估）", [MajorDecisionState.decided.rawValue]),
        .states("evaluated", "已后评估", [MajorDecisionState.evaluated.rawValue]),
        .all,
    ]

    struct Detail: Content {
        struct Procedure: Content {
            let code: String
            let label: String
            let basis: String
            let record: ProcedureRecord?
        }

        let organ: String
        let procedures: [Procedure]
        let missing: [String]
        let evaluation: String?
        let withdrawalReason: String?
    }

    static let api = CaseAPI<MajorDecisionRules, Detail>(
        path: "major-decisions", queues: queues,
        detail: { _, _, dossier in
            Detail(organ: dossier.organ,
                   procedures: DecisionProcedure.allCases.map { .init(code: $0.rawValue, label: $0.label, basis: $0.basis, record: dossier.procedures[$0]) },
                   missing: dossier.missing.map(\.label), evaluation: dossier.evaluation, withdrawalReason: dossier.withdrawalReason)
        })

    static let pages = CasePages<MajorDecisionRules, Detail>(
        api: api, base: "/major-decisions", title: "重大行政决策", agencyHeader: "—",
        queueLinks: [("/major-decisions/new", "列入决策事项目录"), ("/major-decisions/import", "从 Excel 导入决策事项目录")],
        facts: { record, dossier, detail in
            var facts = [("决策事项", dossier.title), ("决策机关", detail.organ), ("列入目录日期", dossier.listedOn.description)]
            for procedure in detail.procedures {
                let text: String
                if let recorded = procedure.record {
                    if let exemption = recorded.exemption {
                        text = "不需履行（\(recorded.on.chinese)说明理由：\(exemption)）"
                    } else {
                        var parts = ["\(recorded.on.chinese)完成", "证明材料：\(recorded.evidence)"]
                        if let from = recorded.commentFrom, let to = recorded.commentTo { parts.append("征求意见\(from.chinese)至\(to.chinese)") }
                        if let submitted = recorded.submittedOn { parts.append("\(submitted.chinese)送审") }
                        if let opinion = recorded.opinion { parts.append("审查意见：\(opinion.label)") }
                        text = parts.joined(separator: "；")
                    }
                } else {
                    text = "尚未履行（\(procedure.basis)）"
                }
                facts.append((procedure.label, text))
            }
            if let evaluation = detail.evaluation { facts.append(("后评估结论", evaluation)) }
            if let reason = detail.withdrawalReason { facts.append(("不再决策的理由", reason)) }
            return facts
        },
        forms: forms,
        warning: { dossier, detail in
            guard dossier.state == .listed, !detail.missing.isEmpty else { return nil }
            return "尚未履行：\(detail.missing.joined(separator: "、"))。五项法定程序均登记后方可登记作出决策。"
        })

    static let forms: [CaseViews.Action] = [
        .init(kind: "publicParticipation", title: "公众参与（公开征求意见）", fields: [
            .date("commentFrom", "征求意见开始日期"), .date("commentTo", "征求意见截止日期"),
            .text("shortenedReason", "少于30日的理由（情况紧急等，第十五条）", required: false), .text("evidence", "证明材料（公告、意见采纳情况说明）"),
        ]),
        .init(kind: "expertArgument", title: "专家论证", fields: [.text("evidence", "证明材料（论证意见）")]),
        .init(kind: "riskAssessment", title: "风险评估", fields: [.text("evidence", "证明材料（风险评估报告）")]),
        .init(kind: "legalityReview", title: "合法性审查", fields: [
            .date("submittedOn", "送请合法性审查日期"),
            .select("opinion", "审查意见", LegalityOpinion.allCases.map { ($0.rawValue, $0.label) }),
            .text("evidence", "证明材料（合法性审查意见书）"),
        ]),
        .init(kind: "exempt", title: "说明不需履行的程序", fields: [
            .select("procedure", "程序", DecisionProcedure.allCases.filter(\.mayBeExempted).map { ($0.rawValue, $0.label) }),
            .text("reason", "理由"),
        ]),
        .init(kind: "collectiveDiscussion", title: "集体讨论决定", fields: [
            .text("meeting", "会议（如区政府常务会议）"), .text("evidence", "证明材料（会议纪要）"),
        ]),
        .init(kind: "decide", title: "登记作出决策", fields: [], confirm: "五项法定程序均已登记，确认登记作出决策？"),
        .init(kind: "postEvaluate", title: "决策后评估", fields: [.text("conclusion", "后评估结论")]),
        .init(kind: "withdraw", title: "不再作出决策", fields: [.text("reason", "理由")]),
    ]

    /// 列入目录: a decision entered in the year's catalogue, at the office that keeps it.
    static let registration = CaseRegistration<MajorDecisionRules>(
        title: "列入重大行政决策事项目录",
        summary: "登记重大行政决策事项：列入目录日期、决策事项、决策机关",
        fields: [
            .init("listedOn", "列入目录日期", .date(notAfterToday: true, defaultsToToday: true), required: true,
                  column: ("listedOn", "列入目录日期", "2025-02-20")),
            .init("title", "决策事项", .text(maxLength: 200), required: true, column: ("title", "决策事项", "河东区老旧小区改造实施方案")),
            .init("organ", "决策机关", .text(maxLength: 60), required: true, hint: "如：河东区人民政府",
                  column: ("organ", "决策机关", "河东区人民政府")),
        ],
        open: { values, context in
            let event = MajorDecisionEvent.list(date: values.date("listedOn")!, title: values.text("title"), organ: values.text("organ"))
            let handler = try await User.find(context.scope.userID, on: context.db)?.id
            return .init(event: event, agency: nil, title: values.text("title"), handler: handler)
        })
}

/// 重大行政决策事项目录 from the spreadsheet the office keeps today: each row listed by the same rules as the form. A
/// decision is the same when one was listed the same day with the same title.
enum MajorDecisionSheet: RegistrationSheet {
    static let code = "majorDecision"
    static let name = "重大行政决策事项"
    static let pagesPath = "/major-decisions"
    static var registration: CaseRegistration<MajorDecisionRules> { MajorDecisionModule.registration }
    static let naturalKey = ["listedOn", "title"]

    static func storedKeys(for rows: [SheetValidator.Row], among orgIDs: [UUID], on db: Database) async throws -> Set<String> {
        try await storedTitleKeys(for: rows, among: orgIDs, on: db, dayField: "listedOn")
    }
}
