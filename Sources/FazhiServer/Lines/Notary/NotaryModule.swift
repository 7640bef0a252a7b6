import Fluent
import FazhiCore
import Vapor

/// 公证: the notary office's matters — an application received, accepted with the notary in charge or refused, the
/// clock paused for supplementing materials, verification or force majeure, the certificate issued with its number
/// within 15 working days (《公证法》第三十条), declined or withdrawn — with the year's certificates counted from them.
enum NotaryModule: Module {
    static var migrations: [any Migration] { [CreateNotaryTables(), CountStoredFacets(NotaryRules.self, name: "CountNotaryFacets")] }

    static var lines: [WorkLine] { [.notary] }

    static var settings: [SettingDeclaration] {
        [SettingDeclaration(key: "notary.certificateNumber.<org>", meaning: "该公证处的公证书编号格式，如（{year}）津河东证字第{seq}号", rule: .numberPattern)]
    }

    static var orgKinds: [OrgKind] { [.notaryOffice] }

    static var demoOrgs: [DemoOrg] { [(NotaryDemo.officeCode, "天津市河东公证处", .notaryOffice, DemoData.bureauCode)] }

    static var caseLines: [CaseLineHandler] { [.of(NotaryRules.self, base: "/notary")] }

    static var deadlineRules: [DeadlineRule] { NotaryRules.deadlineRules }

    static var metrics: [MetricComputation] { NotaryMetrics.all }

    static var reportFigures: [ReportFigures] { [NotaryRules.reportFigures] }

    static var partyRoles: [String: String] { registration.partyRoles }

    static var caseSheets: [any CaseSheet.Type] { [NotarySheet.self] }

    static func dashboardPanels(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> [DashboardPanel] {
        [try await NotaryDashboard.panel(db, year: year, orgIDs: orgIDs)]
    }

    static var demoAccounts: [DemoAccount] {
        [("gongzheng", "郑公证", NotaryDemo.officeCode, .officer, .notary)]
    }

    static func loadDemo(_ demo: DemoCases, random: inout DemoRandom) async throws -> [String] {
        try await NotaryDemo(demo: demo).load(random: &random)
    }

    static let queues: [CaseQueue] = [
        .states("received", "待受理", [NotaryState.received.rawValue]),
        .states("inProgress", "办理中", [NotaryState.inProgress.rawValue]),
        .states("paused", "暂停计时", [NotaryState.paused.rawValue]),
        .dueSoon, .overdue,
        .states("issued", "已出证", [NotaryState.issued.rawValue]),
        .all,
    ]

    struct Detail: Content {
        let office: String
        let matterType: String
        let matterTypeLabel: String
        let purpose: String
        let summary: String
        let notary: String?
        let pauses: [NotaryDossier.Pause]
        let certificate: NotaryDossier.Certificate?
        let reason: String?
    }

    static let api = CaseAPI<NotaryRules, Detail>(
        path: "notary", queues: queues,
        detail: { db, record, dossier in
            let office = try await record.$org.get(on: db)
            let label = try await NotaryMatterType.query(on: db).filter(\.$code == dossier.matterType).first()?.label ?? dossier.matterType
            return Detail(office: office.name, matterType: dossier.matterType, matterTypeLabel: label, purpose: dossier.purpose,
                          summary: dossier.matterSummary, notary: dossier.notaryName, pauses: dossier.pauses, certificate: dossier.certificate,
                          reason: dossier.reason)
        },
        prepare: { db, record, event in try await NotaryIssuing.prepare(event, on: record, db: db) },
        complete: { db, record, dossier, event in try await NotaryIssuing.complete(db, record, dossier, event) })

    static let pages = CasePages<NotaryRules, Detail>(
        api: api, base: "/notary", title: "公证", agencyHeader: "—",
        queueLinks: [("/notary/new", "登记公证申请"), ("/notary/import", "从 Excel 导入公证事项"), ("/notary/matter-types", "公证事项类型")],
        facts: { record, dossier, detail in
            var facts = [("公证处", detail.office), ("公证事项类型", detail.matterTypeLabel), ("用途", detail.purpose.isEmpty ? "—" : detail.purpose),
                         ("申请公证的事项", detail.summary), ("收到日期", record.receivedOn), ("承办公证员", detail.notary ?? "—")]
            for pause in detail.pauses {
                facts.append(("暂停计时", "\(pause.pausedOn.chinese)起（\(pause.ground.label)）" + (pause.resumedOn.map { "，\($0.chinese)恢复" } ?? "，尚未恢复")))
            }
            if let certificate = detail.certificate {
                facts.append(("公证书", "\(certificate.number)（\(certificate.issuedOn.chinese)出具，收费\(NotaryEvent.yuan(certificate.fee))元）"))
            }
            if let reason = detail.reason { facts.append(("理由或说明", reason)) }
            return facts
        },
        forms: forms,
        choices: { db, record in
            ["notaryID": try await NotaryIssuing.notaries(of: record.$org.id, db: db).map { ($0.id!.uuidString, $0.displayName) }]
        })

    static var navigation: [NavItem] {
        [NavItem(section: "业务办理", title: "公证", path: "/notary", isVisible: { $0.canRead(.notary) })]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        registration.routes(routes, api: api, base: "/notary")
        CaseImportPages<NotarySheet>.routes(routes)
        NotaryMatterTypes.routes(routes)
        api.register(routes)
        pages.register(routes)
    }

    /// The form of each step recorded on the case page; `NotaryRules.allowedEvents` says which the state allows.
    static let forms: [CaseViews.Action] = [
        .init(kind: "accept", title: "受理并指定承办公证员", fields: [.select("notaryID", "承办公证员", [])]),
        .init(kind: "refuse", title: "不予受理", fields: [.text("reason", "不予受理的理由")]),
        .init(kind: "pause", title: "暂停计时", fields: [
            .select("ground", "暂停计时的事由（《公证法》第三十条）", NotaryPauseGround.allCases.map { ($0.rawValue, $0.label) }),
            .text("note", "说明", required: false),
        ]),
        .init(kind: "resume", title: "恢复计时", fields: []),
        .init(kind: "issue", title: "出具公证书", fields: [.text("fee", "收费金额（元）")], confirm: "出具公证书将分配公证书编号，确认出证？"),
        .init(kind: "decline", title: "不予办理公证", fields: [.text("reason", "不予办理的理由（《公证法》第三十一条）")]),
        .init(kind: "withdraw", title: "申请人撤回", fields: [.text("note", "说明", required: false)]),
    ]
}
