import Fluent
import FazhiCore
import Vapor

/// The reconsideration officer's pages: queues, registration, the case page with its actions, pre-case matters.
enum ReconsiderationPages {
    static let base = "/reconsideration"

    static func routes(_ routes: RoutesBuilder) {
        ReconsiderationModule.registration.routes(routes, api: ReconsiderationModule.api, base: base)
        routes.get("reconsideration", "precase", use: precase)
        routes.post("reconsideration", "precase", use: recordPrecase)
        CaseImportPages<ReconsiderationSheet>.routes(routes)
        shared.register(routes)
    }

    /// The queue, case page, event and assignment posts, shared with every case line.
    static let shared = CasePages<ReconsiderationRules, ReconsiderationDetailBody>(
        api: ReconsiderationModule.api, base: base, title: "行政复议", agencyHeader: "被申请人",
        queueLinks: [("\(base)/new", "登记新申请"), ("\(base)/import", "从 Excel 导入申请"), ("\(base)/precase", "道路交通类案前处理")],
        facts: { record, dossier, detail in
            [
                ("行政行为", detail.act),
                ("复议请求", detail.request),
                ("程序", dossier.procedure?.label ?? "尚未受理"),
                ("收到申请", record.receivedOn),
                ("受理", record.acceptedOn.map { $0 + (dossier.deemedAccepted ? "（视为受理）" : "") } ?? "—"),
                ("审结", record.concludedOn.map { "\($0)（\(record.outcomeLabel ?? "")）" } ?? "—"),
            ]
        },
        forms: forms,
        warning: { _, detail in detail.isLate ? "申请可能已超过法定申请期限：\(detail.lateBasis ?? "")" : nil })

    /// The form of each step an officer records on the case page; `ReconsiderationRules.allowedEvents` says which the
    /// case's state allows, and the rules decide each one.
    static let forms: [CaseViews.Action] = {
        let outcomes = ReconsiderationOutcome.allCases.filter { $0.isDecision }.map { ($0.rawValue, $0.label) }
        let suspensionGrounds = SuspensionGround.allCases.map { ($0.rawValue, $0.label) }
        let terminationGrounds = TerminationGround.allCases.map { ($0.rawValue, $0.label) }
        let procedures = ReconsiderationProcedure.allCases.map { ($0.rawValue, $0.label) }
        return [
            .init(kind: "accept", title: "受理", fields: [.select("procedure", "审理程序", procedures, blank: nil)]),
            .init(kind: "requestSupplement", title: "通知补正", fields: [.text("items", "需补正的材料（一次性列明）")]),
            .init(kind: "reject", title: "不予受理", fields: [.text("reason", "不予受理理由")], confirm: "确定作出不予受理决定？"),
            .init(kind: "receiveSupplement", title: "收到补正材料", fields: []),
            .init(kind: "abandon", title: "逾期未补正，视为放弃", fields: [], confirm: "确定视为申请人放弃行政复议申请？"),
            .init(kind: "resume", title: "恢复审理", fields: []),
            .init(kind: "sendCopy", title: "发送申请书副本", fields: []),
            .init(kind: "deliverCopy", title: "被申请人收到副本", fields: []),
            .init(kind: "receiveReply", title: "收到答复及证据", fields: []),
            .init(kind: "deliverOpinionLetter", title: "有关机关收到意见书", fields: []),
            .init(kind: "scheduleHearing", title: "发出听证通知", fields: [.date("hearingOn", "听证日期")]),
            .init(kind: "holdHearing", title: "举行听证", fields: []),
            .init(kind: "requestFileReading", title: "登记阅卷申请", fields: [.text("requester", "申请人")]),
            .init(kind: "grantFileReading", title: "同意阅卷", fields: []),
            .init(kind: "suspend", title: "中止审理", fields: [.select("ground", "中止理由", suspensionGrounds)]),
            .init(kind: "extend", title: "延长审理期限", fields: [.number("days", "延长天数（不超过30日）"), .text("approver", "批准人")]),
            .init(kind: "convertProcedure", title: "简易程序转普通程序", fields: [.text("approver", "批准人")]),
            .init(kind: "mediate", title: "调解结案", fields: [], confirm: "确定以调解书结案？"),
            .init(kind: "settleAndWithdraw", title: "和解后撤回", fields: [], confirm: "确定准予和解后撤回？"),
            .init(kind: "withdraw", title: "准予撤回申请", fields: [], confirm: "确定准予撤回并终止？"),
            .init(kind: "terminate", title: "终止", fields: [.select("ground", "终止理由", terminationGrounds)], confirm: "确定终止行政复议？"),
            .init(kind: "decide", title: "作出决定", fields: [.select("outcome", "决定类型", outcomes), .checkbox("partial", "部分撤销"),
                                                          .checkbox("orderRedo", "责令重新作出行政行为")], confirm: "确定作出行政复议决定？"),
            .init(kind: "issueOpinionLetter", title: "制发意见书", fields: [.text("recipient", "致（行政机关，空则为被申请人）", required: false)]),
            .init(kind: "recordOpinionCompliance", title: "登记意见书落实情况", fields: []),
            .init(kind: "issueRecommendationLetter", title: "制发建议书", fields: [.text("recipient", "致（机关）")]),
        ]
    }()

    // MARK: Pre-case traffic matters

    static func precase(_ req: Request) async throws -> Response {
        try await renderPrecase(req, state: FormState(values: ["receivedOn": ChinaTime.today.description,
                                                               "resolvedOn": ChinaTime.today.description]))
    }

    static func recordPrecase(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let input = try req.content.decode(PrecaseMatter.Input.self)
        guard let org = current.scope.homeOrg(for: .reconsideration) else { throw Abort(.forbidden, reason: "您没有办理行政复议事项的权限") }
        do {
            _ = try await PrecaseMatter.record(input, org: org, actor: current.actor, on: req.db)
            return req.redirect(to: "\(base)/precase")
        } catch let errors as ValidationErrors {
            let values = ["receivedOn": input.receivedOn ?? "", "resolvedOn": input.resolvedOn ?? "", "applicantName": input.applicantName ?? "",
                          "act": input.act ?? "", "resolution": input.resolution ?? ""]
            return try await renderPrecase(req, state: FormState(values: values, errors: errors), status: .unprocessableEntity)
        }
    }

    private static func renderPrecase(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let matters = try await current.scope.query(PrecaseMatter.self, on: req.db).sort(\.$resolvedOn, .descending).limit(200).all()
        return try await req.page("道路交通类案前处理", status: status) {
            el("p") { "与交警部门协同、在受理前化解的道路交通类事项单独登记、单独统计，不计入行政复议受理案件。" }
            dataTable(caption: "共 \(matters.count) 件（最近200件）", headers: ["收到", "化解", "申请人", "行政行为", "处理结果", "登记人"],
                      rows: matters.map { [.text($0.receivedOn), .text($0.resolvedOn), .text(Masking.name($0.applicantName)), .text($0.act),
                                           .text($0.resolution), .text($0.recordedBy)] })
            if current.scope.homeOrg(for: .reconsideration) != nil {
                el("form", Attribute("method", "post"), Attribute("action", "\(base)/precase"), .class("card"), Attribute("novalidate", nil)) {
                    errorSummary(state)
                    csrfField(current.session.csrfToken)
                    textField("receivedOn", label: "收到日期", state: state, type: "date", required: true)
                    textField("resolvedOn", label: "化解日期", state: state, type: "date", required: true)
                    textField("applicantName", label: "申请人", state: state, required: true)
                    textField("act", label: "行政行为", state: state, required: true)
                    textField("resolution", label: "处理结果", state: state, required: true)
                    submitButton("登记")
                }
            }
        }
    }
}
