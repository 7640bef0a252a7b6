import Fluent
import FazhiCore
import SQLKit
import Vapor

/// 法律援助: applications decided on the statute's eligibility rules, notices of mandatory defence, lawyers assigned in
/// rotation from the centre's register, cases closed with what was recovered and checked for quality, and the
/// outreach ledger — with the figures of the report's section （六） counted from them.
enum LegalAidModule: Module {
    static var migrations: [any Migration] { [CreateLegalAidTables(), CountStoredFacets(LegalAidRules.self, name: "CountLegalAidFacets")] }

    static var lines: [WorkLine] { [.legalAid] }

    static var orgKinds: [OrgKind] { [.legalAidCentre] }

    static var caseLines: [CaseLineHandler] { [.of(LegalAidRules.self, base: "/legal-aid")] }

    static var deadlineRules: [DeadlineRule] { LegalAidRules.deadlineRules }

    static var metrics: [MetricComputation] { LegalAidMetrics.all }

    static var reportFigures: [ReportFigures] { [LegalAidRules.reportFigures] }

    static var bookKinds: [any BookKind] { [LegalAidMetrics.outreach] }

    static var partyRoles: [String: String] { registration.partyRoles }

    static var instrumentOrgans: [WorkLine: InstrumentOrgan] { [.legalAid: .handlingOrg] }

    static var instrumentKinds: [InstrumentKind] {
        InstrumentKind.of(api.instruments, line: .legalAid, specimens: LegalAidInstruments.specimens)
    }

    static var caseSheets: [any CaseSheet.Type] { [LegalAidSheet.self] }

    static func dashboardPanels(_ db: Database, year: Int, orgIDs: [UUID]) async throws -> [DashboardPanel] {
        [try await LegalAidDashboard.panel(db, year: year, orgIDs: orgIDs)]
    }

    static var demoOrgs: [DemoOrg] { [(LegalAidDemo.centreCode, "河东区法律援助中心", .legalAidCentre, DemoData.bureauCode)] }

    static var demoAccounts: [DemoAccount] {
        [("fayuan", "何法援", LegalAidDemo.centreCode, .officer, .legalAid)]
    }

    static func loadDemo(_ demo: DemoCases, random: inout DemoRandom) async throws -> [String] {
        try await LegalAidDemo(demo: demo).load(random: &random)
    }

    /// A district's legal-aid centre and a twentieth as many cases as `count` (`fazhi demo --city --scale`), at least one.
    static func loadDistrict(_ district: DemoDistrict, demo: DemoCases, year: Int, count: Int) async throws -> String? {
        "法律援助 \(try await LegalAidDemo(demo: demo).loadDistrict(district, year: year, count: max(1, count / 20))) 件"
    }

    static let queues: [CaseQueue] = [
        .states("decide", "待决定", [LegalAidState.applied.rawValue]),
        .states("supplement", "待补充材料", [LegalAidState.awaitingSupplement.rawValue]),
        .states("assign", "待指派", [LegalAidState.granted.rawValue]),
        .states("handling", "办理中", [LegalAidState.assigned.rawValue]),
        .states("objection", "异议审查", [LegalAidState.objected.rawValue]),
        .dueSoon, .overdue,
        CaseQueue(key: "review", title: "待评查") { _ in
            """
            \(CaseQueue.column("state")) = \(bind: LegalAidState.closed.rawValue) AND NOT EXISTS (SELECT 1 FROM \(ident: "case_events") \
            WHERE \(ident: "case_events").\(ident: "case_id") = \(CaseQueue.column("id")) AND \(ident: "case_events").\(ident: "kind") = \(bind: "review"))
            """
        },
        .concluded, .all,
    ]

    struct Detail: Content {
        let centre: String
        let matter: String
        let caseType: String
        let caseTypeLabel: String
        let channel: String
        let summary: String
        let facts: EligibilityFacts?
        /// The decision made, or — before it — what the rules give on the facts recorded under the standard in force today.
        let decision: EligibilityDecision?
        let decided: Bool
        let missing: String?
        let refusal: String?
        let refusalExplanation: String?
        let objection: LegalAidDossier.Objection?
        let assignment: LegalAidDossier.Assignment?
        let closure: LegalAidDossier.Closure?
        let review: LegalAidDossier.Review?
    }

    static let api = CaseAPI<LegalAidRules, Detail>(
        path: "legal-aid", queues: queues,
        detail: { db, record, dossier in
            let centre = try await record.$org.get(on: db)
            let label = try await LegalAidCaseType.query(on: db).filter(\.$code == dossier.caseType).first()?.label ?? dossier.caseType
            var decision = dossier.decision
            if decision == nil, let facts = dossier.facts, let standard = try await LegalAidStandardRecord.inForce(on: ChinaTime.today, db: db) {
                decision = LegalAidEligibility.decide(facts, standard: standard)
            }
            return Detail(centre: centre.name, matter: dossier.matter.label, caseType: dossier.caseType, caseTypeLabel: label,
                          channel: dossier.channel.label, summary: dossier.matterSummary, facts: dossier.facts, decision: decision,
                          decided: dossier.decision != nil, missing: dossier.missing, refusal: dossier.refusal.map { "\($0.label)（\($0.article)）" },
                          refusalExplanation: dossier.refusalExplanation, objection: dossier.objection, assignment: dossier.assignment,
                          closure: dossier.closure, review: dossier.review)
        },
        instruments: LegalAidInstruments.templates,
        instrumentFields: { detail in ["caseType": detail.caseTypeLabel, "summary": detail.summary, "centre": detail.centre] },
        prepare: { db, record, event in try await LegalAidLawyers.prepare(event, on: record, db: db) })

    static let pages = CasePages<LegalAidRules, Detail>(
        api: api, base: "/legal-aid", title: "法律援助", agencyHeader: "—",
        queueLinks: [("/legal-aid/new", "登记申请或通知辩护"), ("/legal-aid/import", "从 Excel 导入案件"), ("/legal-aid/lawyers", "法律援助人员与轮候"),
                     ("/legal-aid/self-check", "经济困难初步审查"), ("/ledgers/legalAid.outreach", "法援惠民生活动台账")],
        facts: { record, dossier, detail in
            var facts = [("法律援助中心", detail.centre), ("申请事项", detail.matter), ("案件类型", detail.caseTypeLabel), ("渠道", detail.channel),
                         ("申请事项和理由", detail.summary), ("收到日期", record.receivedOn)]
            if let f = detail.facts {
                facts.append(("经济状况", "家庭\(f.householdMembers)人，月收入\(f.monthlyIncome)元（人均\(f.incomePerHead)元），资产\(f.assets)元"
                              + (f.selfDeclared ? "，个人诚信承诺" : "") + (f.hasFixedIncome ? "" : "，无固定生活来源")
                              + (f.claimsWagesOrInjury ? "，请求劳动报酬或工伤赔偿" : "")))
                facts.append(("法定情形", f.statuses.isEmpty ? "无" : f.statuses.map(\.label).joined(separator: "、")))
            }
            if let decision = detail.decision {
                facts.append((detail.decided ? "资格审查结论" : "按登记情况和现行标准（尚未决定）", decision.reason))
            }
            if let missing = detail.missing { facts.append(("一次性告知补充", missing)) }
            if let refusal = detail.refusal { facts.append(("不予援助理由", "\(refusal)：\(detail.refusalExplanation ?? "")")) }
            if let objection = detail.objection {
                let ruling = objection.upheld.map { $0 ? "异议成立" : "维持原决定" } ?? "审查中"
                facts.append(("异议", "\(objection.date.chinese)提出：\(objection.reason)；\(ruling)"))
            }
            if let assignment = detail.assignment {
                facts.append(("承办人员", "\(assignment.firm) \(assignment.lawyerName)（\(assignment.date.chinese)指派）"
                              + (assignment.skipReason.map { "；未按轮候顺序：\($0)" } ?? "")))
            }
            if let closure = detail.closure {
                facts.append(("结案", "\(closure.date.chinese)：\(closure.result)；挽回经济损失\(closure.recoveredYuan)元；受援人评价：\(closure.satisfaction.label)"))
            }
            if let review = detail.review { facts.append(("质量评查", "\(review.score)分（\(review.reviewer)，\(review.date.chinese)）")) }
            return facts
        },
        forms: forms,
        choices: { db, record in
            let matter = try await LegalAidDetail.query(on: db).filter(\.$caseRecord.$id == record.id!).first()?.matter ?? .civil
            let order = try await LegalAidLawyers.rotation(for: record, matter: matter, on: ChinaTime.today, db: db)
            return ["lawyerID": order.enumerated().map { index, entry in
                (entry.0.id!.uuidString, "\(entry.0.name)（\(entry.0.firm)，本年\(entry.1.assignedThisYear)件）" + (index == 0 ? "——轮候下一位" : ""))
            }]
        })

    static var navigation: [NavItem] {
        [NavItem(section: "业务办理", title: "法律援助", path: "/legal-aid", isVisible: { $0.canRead(.legalAid) })]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        registration.routes(routes, api: api, base: "/legal-aid")
        CaseImportPages<LegalAidSheet>.routes(routes)
        LegalAidLawyerPages.routes(routes)
        api.register(routes)
        pages.register(routes)
    }

    /// The form of each step recorded on the case page; `LegalAidRules.allowedEvents` says which the state allows.
    static let forms: [CaseViews.Action] = [
        .init(kind: "requestSupplement", title: "一次性告知补充材料", fields: [.text("missing", "需要补充的全部材料")]),
        .init(kind: "supplement", title: "登记收到补充材料（审查期限重新计算）", fields: []),
        .init(kind: "grant", title: "决定给予法律援助", fields: [], confirm: "按登记的经济状况、法定情形和现行经济困难标准决定给予法律援助？"),
        .init(kind: "refuse", title: "决定不予法律援助", fields: [
            .select("ground", "不予援助的理由", LegalAidRefusalGround.allCases.map { ($0.rawValue, "\($0.label)（\($0.article)）") }),
            .text("explanation", "理由说明"),
        ]),
        .init(kind: "withdraw", title: "撤回申请", fields: [.checkbox("deemed", "未按要求补充材料，视为撤回")]),
        .init(kind: "object", title: "登记异议", fields: [.text("reason", "异议理由")]),
        .init(kind: "ruleObjection", title: "登记异议审查结果", fields: [
            .checkbox("upheld", "异议成立，责令给予法律援助（不勾选即维持不予援助决定）"), .text("note", "审查意见"),
        ]),
        .init(kind: "assign", title: "指派法律援助人员", fields: [
            .select("lawyerID", "法律援助人员（按轮候顺序）", []), .text("skipReason", "未按轮候顺序指派的理由", required: false),
        ]),
        .init(kind: "recordProgress", title: "登记承办情况", fields: [.text("note", "承办情况（会见、阅卷、开庭等）")]),
        .init(kind: "close", title: "结案", fields: [
            .text("result", "办理结果"), .number("recoveredYuan", "挽回经济损失或获得利益（元）"),
            .select("satisfaction", "受援人评价", AidSatisfaction.allCases.map { ($0.rawValue, $0.label) }),
        ]),
        .init(kind: "review", title: "案卷质量评查", fields: LegalAidQualityChecklist.items.map { .number($0.code, "\($0.label)（满分\($0.points)分）") }
              + [.text("reviewer", "评查人"), .text("note", "评查意见", required: false)]),
    ]
}
