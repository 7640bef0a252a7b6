import Fluent
import FazhiCore
import Vapor

/// A case's documents page: every document issued with all its versions, each version's proofs of service, what is
/// still due (documents the case's state calls for and never issued, versions not yet served on someone they are served
/// on), and the form that records a service (送达回证).
extension CasePages {
    func registerDocuments(_ routes: RoutesBuilder, segment: PathComponent) {
        routes.get(segment, ":id", "documents", use: documentsPage)
        routes.post(segment, ":id", "services", use: recordService)
    }

    @Sendable func documentsPage(_ req: Request) async throws -> Response {
        try await renderDocuments(req, state: FormState(values: ["servedOn": ChinaTime.today.description]))
    }

    @Sendable func recordService(_ req: Request) async throws -> Response {
        let (current, record) = try await api.actingOn(req)
        let form = try req.content.decode([String: String].self)
        let recipient = (form["recipient"] ?? "").split(separator: ":", maxSplits: 1).map(String.init)
        let input = CaseAPI<Rules, Detail>.ServiceInput(
            instrumentID: form["instrumentID"], recipientRole: recipient.first, recipientName: recipient.count == 2 ? recipient[1] : nil,
            method: form["method"], sentOn: form["sentOn"], servedOn: form["servedOn"], trackingNumber: form["trackingNumber"],
            note: form["note"])
        do {
            let service = try await api.recordService(req, input: input, current: current, record: record)
            return req.redirect(to: "\(base)/\(service.caseID)/documents#services")
        } catch let errors as ValidationErrors {
            return try await renderDocuments(req, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        } catch let error as DomainError {
            var errors = ValidationErrors()
            errors.add(error.invalidField ?? "servedOn", error.message)
            return try await renderDocuments(req, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        }
    }

    private func renderDocuments(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let record = try await current.scope.findCase(line, req.parameters.get("id", as: UUID.self), on: req.db)
        let calendar = try await req.calendarStore.calendar()
        let dossier = try await CaseWorkflow<Rules>.dossier(of: record, on: req.db, calendar: calendar)
        let instruments = try await InstrumentRecord.query(on: req.db).filter(\.$caseRecord.$id == record.id!)
            .sort(\.$kind).sort(\.$version, .descending).all()
        let services = try await ServiceRecord.query(on: req.db).filter(\.$caseID == record.id!).sort(\.$servedOn).all()
        let recipients = try await ServiceRecorder<Rules>.recipients(of: record, on: req.db)
        let due = DocumentsDue(templates: api.instruments, dossier: dossier, instruments: instruments, services: services,
                               recipients: recipients)
        let canAct = current.scope.canAct(line, at: record.$org.id)
        let roles = req.modules.partyRoles.merging(["agency": agencyHeader]) { first, _ in first }
        func named(_ recipient: ServiceRecipient) -> String { "\(roles[recipient.role] ?? recipient.role) \(recipient.name)" }
        return try await req.page("文书与送达：\(record.caseNumber)", status: status) {
            el("p") { el("a", .href("\(base)/\(record.id!)")) { "返回案件 \(record.caseNumber)" } }
            el("section", .class("card"), .id("due")) {
                el("h2") { "尚待办理" }
                if due.unissued.isEmpty && due.unserved.isEmpty {
                    el("p") { "本案应制作的文书均已制作并送达。" }
                } else {
                    el("ul") {
                        for title in due.unissued { el("li") { "《\(title)》尚未制作" } }
                        for item in due.unserved { el("li") { "《\(item.title)》尚未送达\(named(item.recipient))" } }
                    }
                }
            }
            el("section", .class("card"), .id("services")) {
                el("h2") { "文书及送达记录" }
                dataTable(headers: ["文书", "版本", "落款日期", "制作", "送达", "下载"], rows: instruments.map { instrument in
                    let served = services.filter { $0.$instrument.id == instrument.id }
                    return [.text(instrument.title + (instrument.superseded ? "（已被新版本取代）" : "")), .text("第\(instrument.version)版"),
                            .text(instrument.dated.chinese),
                            .text("\(instrument.issuedBy) \(TableDateFormat.format(instrument.issuedAt, withTime: true))"),
                            served.isEmpty ? .text("未送达") : Markup.group {
                                for (index, service) in served.enumerated() {
                                    if index > 0 { el("br") }
                                    "\(named(service.recipient))：\(service.method.label)，\(CivilDate(string: service.servedOn)?.chinese ?? service.servedOn)送达"
                                        + (service.trackingNumber.map { "（单号\($0)）" } ?? "") + (service.note.map { "；\($0)" } ?? "")
                                }
                            },
                            Markup.group {
                                el("a", .href("/instruments/\(instrument.id!).docx")) { "Word 文档" }
                                " · "
                                el("a", .href("/instruments/\(instrument.id!)"), Attribute("target", "_blank")) { "打印版" }
                            }]
                }, empty: "尚未制作文书")
            }
            let latest = instruments.filter { !$0.superseded }
            if canAct, !latest.isEmpty {
                el("form", Attribute("method", "post"), Attribute("action", "\(base)/\(record.id!)/services"), .class("card"),
                   Attribute("novalidate", nil), .id("serve")) {
                    el("h2") { "登记送达（送达回证）" }
                    errorSummary(state)
                    csrfField(current.session.csrfToken)
                    selectField("instrumentID", label: "文书", options: latest.map { ($0.id!.uuidString, "\($0.title)（第\($0.version)版）") },
                                state: state, required: true)
                    selectField("recipient", label: "受送达人", options: recipients.map { ("\($0.role):\($0.name)", named($0)) },
                                state: state, required: true)
                    selectField("method", label: "送达方式", options: ServiceMethod.allCases.map { ($0.rawValue, $0.label) }, state: state,
                                required: true)
                    textField("sentOn", label: "发出日期", state: state, type: "date", hint: "邮寄的交寄日期；不填即为送达日期")
                    textField("servedOn", label: "送达日期", state: state, type: "date", required: true,
                              hint: "受送达人签收、阅读或公告期满之日；自收到之日起计算的期限由此起算")
                    textField("trackingNumber", label: "邮件单号", state: state, hint: "邮寄送达必填")
                    textArea("note", label: "备注（公告送达须写明公告的载体和日期）", state: state)
                    submitButton("登记送达")
                }
            }
        }
    }
}
