import Fluent
import FazhiCore
import Vapor

/// 行政规范性文件: the district's register of normative documents with Chinese full-text search, the legality review of
/// drafts as a case (`NormativeDocumentRules`) with the assisted review beside it, filing and filing review (有件必备、
/// 有备必审、有错必纠), post-evaluation and clean-up campaigns — `normative_docs.*` counted from these records.
enum NormativeDocumentModule: Module {
    static var migrations: [any Migration] {
        [CreateNormativeDocumentTables(),
         // 2026-12-06: the register keyed by bureau; its list (newest first) and clean-up queue bureau first.
         KeyRecordsByBureau(name: "KeyNormativeDocumentsByBureau", tables: [NormativeDocumentRecord.schema],
                            indexes: [.init(name: "normative_documents_bureau_idx", table: NormativeDocumentRecord.schema,
                                            columns: ["bureau_id", "published_on"]),
                                      .init(name: "normative_documents_bureau_status_idx", table: NormativeDocumentRecord.schema,
                                            columns: ["bureau_id", "status", "expires_on"])])]
    }

    static var lines: [WorkLine] { [.normativeDocument] }

    static var caseLines: [CaseLineHandler] { [.of(NormativeDocumentRules.self, base: "/normative-reviews")] }

    static var deadlineRules: [DeadlineRule] { NormativeDocumentRules.deadlineRules }

    static var metrics: [MetricComputation] { NormativeDocumentMetrics.all }

    static var reportFigures: [ReportFigures] { [NormativeDocumentRules.reportFigures] }

    static var caseSheets: [any CaseSheet.Type] { [NormativeReviewSheet.self] }

    static var instrumentOrgans: [WorkLine: InstrumentOrgan] { [.normativeDocument: .bureau] }

    static var instrumentKinds: [InstrumentKind] {
        InstrumentKind.of(api.instruments, line: .normativeDocument, specimens: NormativeDocumentInstruments.specimens)
    }

    static var navigation: [NavItem] {
        [
            NavItem(section: "依法行政", title: "规范性文件库", path: "/normative-documents", isVisible: { $0.canRead(.normativeDocument) }),
            NavItem(section: "依法行政", title: "合法性审核", path: "/normative-reviews", isVisible: { $0.canRead(.normativeDocument) }),
        ]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        registration.routes(routes, api: api, base: "/normative-reviews")
        CaseImportPages<NormativeReviewSheet>.routes(routes)
        api.register(routes)
        pages.register(routes)
        NormativeDocumentPages.routes(routes)
        NormativeDocumentAPI.routes(routes)
        NormativeCleanups.routes(routes)
        NormativeDocumentImport.routes(routes)
    }

    static func dashboardPanels(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> [DashboardPanel] {
        [try await NormativeDocumentDashboard.panel(db, year: year, orgIDs: orgIDs)]
    }

    static var demoAccounts: [DemoAccount] {
        [("shenhe", "沈审核", DemoData.bureauCode, .officer, .normativeDocument),
         ("minzheng", "闵民政", NormativeDocumentDemo.agencyCode, .officer, .normativeDocument)]
    }

    static func loadDemo(_ demo: DemoCases, random: inout DemoRandom) async throws -> [String] {
        try await NormativeDocumentDemo(demo: demo).load(random: &random)
    }

    static var scaleStory: String? { WorkLine.normativeDocument.rawValue }

    static func loadScale(_ demo: DemoCases, year: Int, count: Int, progress: (Int) -> Void) async throws -> String? {
        try await NormativeDocumentScale(demo: demo, year: year, count: count).run(progress: progress)
    }

    static let queues: [CaseQueue] = [
        .states("submitted", "待审核", [NormativeDocumentReviewState.submitted.rawValue]),
        .dueSoon, .overdue,
        .states("opinionGiven", "已出具意见", [NormativeDocumentReviewState.opinionGiven.rawValue]),
        .states("adopted", "已审议通过", [NormativeDocumentReviewState.adopted.rawValue]),
        .all,
    ]

    struct Detail: Content {
        let agency: String
        let draftLength: Int
        let opinion: String?
        let opinionLabel: String?
        let articles: String?
        let opinionText: String?
        let documentNumber: String?
        let note: String?
    }

    /// The opinion is the bureau's: one who acts above the submitting agency (the agency's own staff submit, adopt and withdraw).
    static func reviewsFor(_ scope: Scope, record: CaseRecord, kind: String) -> Bool {
        kind != "giveOpinion" || NormativeDocumentRegister.reviews(scope, agencyID: record.$org.id)
    }

    static let api = CaseAPI<NormativeDocumentRules, Detail>(
        path: "normative-reviews", queues: queues,
        detail: { db, record, dossier in
            let draft = try await NormativeReviewDraft.query(on: db).filter(\.$caseRecord.$id == record.id!).first()
            return Detail(agency: try await record.$org.get(on: db).name, draftLength: draft?.text.count ?? 0,
                          opinion: dossier.opinion?.rawValue, opinionLabel: dossier.opinion?.label, articles: dossier.articles,
                          opinionText: dossier.opinionText, documentNumber: dossier.documentNumber, note: dossier.note)
        },
        instruments: NormativeDocumentInstruments.templates,
        instrumentFields: { detail in ["agency": detail.agency] },
        mayRecord: { scope, record, kind in reviewsFor(scope, record: record, kind: kind) })

    static let pages = CasePages<NormativeDocumentRules, Detail>(
        api: api, base: "/normative-reviews", title: "行政规范性文件合法性审核", agencyHeader: "制定机关",
        queueLinks: [("/normative-reviews/new", "送审文件草案"), ("/normative-reviews/import", "从 Excel 导入送审登记"),
                     ("/normative-documents", "规范性文件库")],
        facts: { record, dossier, detail in
            var facts = [("送审文件", dossier.title), ("制定机关", detail.agency), ("送审日期", dossier.submittedOn.description),
                         ("草案字数", String(detail.draftLength))]
            if let label = detail.opinionLabel {
                facts.append(("审核意见", label))
                if let articles = detail.articles, !articles.isEmpty { facts.append(("依据", articles)) }
                if let text = detail.opinionText, !text.isEmpty { facts.append(("意见内容", text)) }
            }
            if let number = detail.documentNumber { facts.append(("文号", number)) }
            if let note = detail.note { facts.append(("撤回说明", note)) }
            return facts
        },
        forms: forms,
        panels: { db, record, dossier, _ in try await NormativeReviewAssist.panels(db, record: record, dossier: dossier) })

    static let forms: [CaseViews.Action] = [
        .init(kind: "giveOpinion", title: "出具合法性审核意见", fields: [
            .select("opinion", "审核意见", LegalityOpinion.allCases.map { ($0.rawValue, $0.label) }),
            .text("articles", "所依据的法律、法规、规章条款（不合法的必填）", required: false),
            .text("text", "修改意见或不合法的理由（合法的可不填）", required: false),
        ]),
        .init(kind: "adopt", title: "登记审议通过", fields: [.text("documentNumber", "文号（如已编号）", required: false)]),
        .init(kind: "withdraw", title: "撤回送审", fields: [.text("note", "说明", required: false)]),
    ]

    /// 送审: a draft submitted by an agency, registered at the agency (its staff see their own submissions, the bureau all).
    static let registration = CaseRegistration<NormativeDocumentRules>(
        title: "送审行政规范性文件草案",
        summary: "送审行政规范性文件草案：送审日期、文件名称、草案全文（送审材料作为附件上传）",
        fields: [
            .init("submittedOn", "送审日期", .date(notAfterToday: true, defaultsToToday: true), required: true,
                  column: ("submittedOn", "送审日期", "2025-03-04")),
            .init("title", "文件名称", .text(maxLength: 200), required: true, column: ("title", "文件名称", "河东区养老服务补贴管理办法")),
            .init("draft", "草案全文", .text(maxLength: NormativeDocumentRegister.maximumBody, rows: 14), required: true,
                  column: ("draft", "草案全文", "第一条 为规范本区养老服务补贴管理……")),
        ],
        check: { values, context, errors in
            guard let org = try await Org.find(values.org, on: context.db), org.kind == .agency else {
                errors.add("orgID", "送审须以制定机关（行政机关）的名义登记（请选择制定机关）")
                return
            }
        },
        open: { values, context in
            let event = NormativeDocumentEvent.submit(date: values.date("submittedOn")!, title: values.text("title"))
            let draft = values.text("draft")
            return .init(event: event, agency: values.org, title: values.text("title"), handler: nil,
                         details: { record, rows in rows.add(NormativeReviewDraft(caseID: record.id!, text: draft)) })
        },
        offices: { db, scope in
            try await NormativeDocumentRegister.agencies(scope, on: db).map { ($0.id!, $0.name) }
        })
}

/// 送审登记 from the spreadsheet the office keeps today: each row submitted by the same rules as the form, at the agency
/// chosen on import. A submission is the same when one was submitted the same day with the same title.
enum NormativeReviewSheet: RegistrationSheet {
    static let code = "normativeDocument"
    static let name = "行政规范性文件送审"
    static let pagesPath = "/normative-reviews"
    static var registration: CaseRegistration<NormativeDocumentRules> { NormativeDocumentModule.registration }
    static let naturalKey = ["submittedOn", "title"]

    static func storedKeys(for rows: [SheetValidator.Row], among orgIDs: [UUID], on db: Database) async throws -> Set<String> {
        try await storedTitleKeys(for: rows, among: orgIDs, on: db, dayField: "submittedOn")
    }
}
