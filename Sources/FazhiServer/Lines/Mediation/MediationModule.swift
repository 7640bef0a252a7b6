import Fluent
import FazhiCore
import Vapor

/// 人民调解: the committees and their mediators, the screenings they file, and the disputes they mediate — from intake
/// to agreement, judicial confirmation and follow-up — with the coverage gap the report names counted from them.
enum MediationModule: Module {
    static var migrations: [any Migration] { [CreateMediationTables(), CountStoredFacets(MediationRules.self, name: "CountMediationFacets")] }

    static var lines: [WorkLine] { [.mediation] }

    static var orgKinds: [OrgKind] { [.mediationCommittee] }

    static var caseLines: [CaseLineHandler] { [.of(MediationRules.self, base: "/mediation")] }

    static var deadlineRules: [DeadlineRule] { MediationRules.deadlineRules }

    static var metrics: [MetricComputation] { MediationMetrics.all }

    static var reportSections: [AnnualReportSection] { [MediationRules.reportSection] }

    static var reportFigures: [ReportFigures] { [MediationRules.reportFigures] }

    static var bookKinds: [any BookKind] { [MediationScreenings.kind] }

    static var partyRoles: [String: String] { registration.partyRoles }

    static var instrumentOrgans: [WorkLine: InstrumentOrgan] { [.mediation: .handlingOrg] }

    static var instrumentKinds: [InstrumentKind] {
        InstrumentKind.of(api.instruments, line: .mediation, specimens: MediationInstruments.specimens)
    }

    static var caseSheets: [any CaseSheet.Type] { [MediationSheet.self] }

    static func dashboardPanels(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> [DashboardPanel] {
        [try await MediationDashboard.panel(db, year: year, orgIDs: orgIDs)]
    }

    static var demoOrgs: [DemoOrg] { MediationDemo.orgs }

    static var portalApplications: [PortalApplication] { [portalApplication] }

    static func reportFindings(_ query: ReportQuery) async throws -> [String] {
        try await MediationCoverage.findings(query)
    }

    static var demoAccounts: [DemoAccount] {
        [("tiaojie", "周调解", MediationDemo.mediatorCommitteeCode, .mediator, nil)]
    }

    static func loadDemo(_ demo: DemoCases, random: inout DemoRandom) async throws -> [String] {
        try await MediationDemo(demo: demo).load(random: &random)
    }

    /// A district's specialised committees and a quarter as many disputes as `count` (`fazhi demo --city --scale`).
    static func loadDistrict(_ district: DemoDistrict, demo: DemoCases, year: Int, count: Int) async throws -> String? {
        let disputes = try await MediationDemo(demo: demo).loadDistrict(district, year: year, count: max(1, count / 4))
        return "人民调解 \(disputes) 件"
    }

    static let queues: [CaseQueue] = [
        .states("received", "待受理", ["received"]),
        CaseQueue(key: "mine", title: "我调解的") { context in
            "\(CaseQueue.column("handler_id")) = \(bind: context.userID) AND \(CaseQueue.column("is_open")) = \(bind: true)"
        },
        // 人民调解工作若干规定第三十三条: a month is the target, so a dispute past it is listed, never called overdue.
        CaseQueue(key: "overTarget", title: "超过30日未结") { context in
            try await CaseQueue.openDeadline(context, from: nil, through: context.today.adding(days: -1).description)
        },
        CaseQueue(key: "followUp", title: "待回访") { _ in
            """
            \(CaseQueue.column("state")) = \(bind: MediationState.resolved.rawValue) AND NOT EXISTS (SELECT 1 FROM \(ident: "case_events") \
            WHERE \(ident: "case_events").\(ident: "case_id") = \(CaseQueue.column("id")) AND \(ident: "case_events").\(ident: "kind") = \(bind: "followUp"))
            """
        },
        CaseQueue(key: "confirmationWindow", title: "司法确认期内") { context in
            """
            \(CaseQueue.column("state")) = \(bind: MediationState.resolved.rawValue) AND EXISTS (SELECT 1 FROM \(ident: "case_deadlines") \
            WHERE \(ident: "case_deadlines").\(ident: "case_id") = \(CaseQueue.column("id")) \
            AND \(ident: "case_deadlines").\(ident: "rule_key") = \(bind: "mediation.judicialConfirmation") \
            AND \(ident: "case_deadlines").\(ident: "completed_on") IS NULL AND \(ident: "case_deadlines").\(ident: "due_on") >= \(bind: context.today.description))
            """
        },
        .open, .concluded, .all,
    ]

    struct Detail: Content {
        let committee: String
        let disputeType: String
        let disputeTypeLabel: String
        let source: String
        let summary: String
        let mediator: String?
        let sessions: Int
        let agreement: MediationDossier.Agreement?
        let followUps: [MediationDossier.FollowUp]
    }

    static let api = CaseAPI<MediationRules, Detail>(
        path: "mediation", queues: queues,
        detail: { db, record, dossier in
            let committee = try await record.$org.get(on: db)
            let label = try await DisputeType.query(on: db).filter(\.$code == dossier.disputeType).first()?.label ?? dossier.disputeType
            return Detail(committee: committee.name, disputeType: dossier.disputeType, disputeTypeLabel: label, source: dossier.source.label,
                          summary: dossier.disputeSummary, mediator: dossier.mediatorName, sessions: dossier.sessions.count,
                          agreement: dossier.agreement, followUps: dossier.followUps)
        },
        instruments: MediationInstruments.templates,
        instrumentFields: { detail in ["disputeType": detail.disputeTypeLabel, "summary": detail.summary, "committee": detail.committee] },
        prepare: { db, record, event in try await MediationMediators.complete(event, on: record, db: db) })

    static let pages = CasePages<MediationRules, Detail>(
        api: api, base: "/mediation", title: "人民调解", agencyHeader: "—",
        queueLinks: [("/mediation/new", "登记矛盾纠纷"), ("/mediation/import", "从 Excel 导入纠纷"),
                     ("/mediation/committees", "调委会与调解员"), ("/mediation/screenings", "排查上报情况"),
                     ("/mediation/coverage", "行业性专业性调解覆盖分析")],
        facts: { record, dossier, detail in
            var facts = [("调委会", detail.committee), ("纠纷类型", detail.disputeTypeLabel), ("纠纷来源", detail.source),
                         ("纠纷简要情况", detail.summary), ("收到日期", record.receivedOn), ("调解员", detail.mediator ?? "—"),
                         ("调解次数", String(detail.sessions))]
            if let agreement = detail.agreement {
                facts.append(("调解协议", "\(agreement.form.label)（\(agreement.date.chinese)）：\(agreement.terms)"))
                if let applied = agreement.confirmationAppliedOn {
                    let ruling = agreement.confirmed.map { $0 ? "裁定有效" : "驳回申请" } ?? "待裁定"
                    facts.append(("司法确认", "\(applied.chinese)向\(agreement.confirmationCourt ?? "")申请，\(ruling)"))
                }
                facts.append(("回访", detail.followUps.last.map { "\($0.date.chinese)：\($0.performance.label)" } ?? "尚未回访"))
            }
            return facts
        },
        forms: forms,
        choices: { db, record in
            ["mediatorID": try await MediationMediators.serving(record.$org.id, on: ChinaTime.today, db: db).map { ($0.id!.uuidString, $0.name) }]
        })

    static var navigation: [NavItem] {
        [NavItem(section: "业务办理", title: "人民调解", path: "/mediation", isVisible: { $0.canRead(.mediation) })]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        registration.routes(routes, api: api, base: "/mediation")
        CaseImportPages<MediationSheet>.routes(routes)
        MediationCommitteePages.routes(routes)
        MediationScreenings.routes(routes)
        MediationCoverage.routes(routes)
        api.register(routes)
        pages.register(routes)
    }

    /// The form of each step recorded on the case page; `MediationRules.allowedEvents` says which the state allows.
    static let forms: [CaseViews.Action] = [
        .init(kind: "accept", title: "受理并指定调解员", fields: [.select("mediatorID", "调解员", [])]),
        .init(kind: "refuse", title: "不予受理", fields: [
            .select("ground", "不予受理的理由", MediationRefusalGround.allCases.map { ($0.rawValue, "\($0.label)（\($0.basis)）") }),
            .text("explanation", "说明", required: false),
        ]),
        .init(kind: "holdSession", title: "登记调解", fields: [.text("note", "调解情况（调解记录）")]),
        .init(kind: "agree", title: "达成调解协议", fields: [
            .select("form", "协议形式", AgreementForm.allCases.map { ($0.rawValue, $0.label) }),
            .text("terms", "协议内容（权利义务、履行方式和期限）"),
        ]),
        .init(kind: "fail", title: "调解不成", fields: [.text("route", "已告知当事人的途径（仲裁、行政、司法等）")]),
        .init(kind: "refer", title: "移交其他机关处理", fields: [.text("to", "移交的机关或组织")]),
        .init(kind: "assignMediator", title: "更换调解员", fields: [.select("mediatorID", "调解员", [])]),
        .init(kind: "applyConfirmation", title: "登记申请司法确认", fields: [.text("court", "受理申请的人民法院")]),
        .init(kind: "ruleConfirmation", title: "登记法院裁定", fields: [
            .checkbox("confirmed", "人民法院裁定确认调解协议有效（不勾选即驳回申请）"),
        ]),
        .init(kind: "followUp", title: "登记回访", fields: [
            .select("performance", "协议履行情况", AgreementPerformance.allCases.map { ($0.rawValue, $0.label) }),
            .text("note", "回访情况", required: false),
        ]),
    ]
}
