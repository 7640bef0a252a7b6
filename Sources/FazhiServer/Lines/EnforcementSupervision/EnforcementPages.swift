import Fluent
import FazhiCore
import FazhiOffice
import Vapor

/// The enforcement-supervision pages: the double plan and its progress, trainings and the agencies not yet trained,
/// inspections with their findings, the rectification queue, and one finding with the agency's report, the office's
/// acceptance and the notice (.docx). Each builds its model through `EnforcementQueries` and writes through
/// `EnforcementWork`, as the API does.
enum EnforcementPages {
    static let base = "/enforcement"

    static func routes(_ routes: RoutesBuilder) {
        routes.get("enforcement") { req in try await planPage(req, state: FormState()) }
        routes.post("enforcement", "plan", use: postPlanLine)
        routes.get("enforcement", "trainings") { req in try await trainingsPage(req, state: FormState()) }
        routes.post("enforcement", "trainings", use: postTraining)
        routes.get("enforcement", "inspections", use: inspectionsPage)
        routes.get("enforcement", "inspections", "new") { req in try await newInspectionPage(req, state: FormState(values: ["kind": "special", "filesReviewed": "0"])) }
        routes.post("enforcement", "inspections", use: postInspection)
        routes.get("enforcement", "inspections", ":id", use: inspectionPage)
        routes.get("enforcement", "rectifications", use: queuePage)
        routes.get("enforcement", "findings", ":id") { req in try await findingPage(req, state: FormState()) }
        routes.post("enforcement", "findings", ":id", "report", use: postReport)
        routes.post("enforcement", "findings", ":id", "review", use: postReview)
        routes.get("enforcement", "findings", ":id", "notice.docx", use: noticeDocx)
        routes.get("enforcement", "inspections", ":id", "report.docx", use: reportDocx)
    }

    static func links() -> Markup {
        el("nav", .class("subnav"), .aria("label", "行政执法监督")) {
            for (path, title) in [("", "双计划进度"), ("/trainings", "执法培训"), ("/inspections", "监督检查"), ("/rectifications", "整改队列"),
                                  ("/stations", "司法所协调监督")] {
                el("a", .href(base + path)) { title }
                " "
            }
        }
    }

    /// A rule broken in a form: the fields' errors, or a step's rule under its field.
    static func formErrors(_ error: Error) -> ValidationErrors? {
        if let errors = error as? ValidationErrors { return errors }
        if let error = error as? TransitionError { return ValidationErrors([FieldError(field: error.invalidField ?? "form", message: error.message)]) }
        return nil
    }

    // MARK: The plan

    static func planPage(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let scope = try EnforcementAPI.readable(req)
        let year = try EnforcementAPI.year(req)
        let progress = try await EnforcementQueries.progress(scope, year: year, today: ChinaTime.today, on: req.db)
        let office = try? await EnforcementWork.office(scope, on: req.db)
        let agencies = office == nil ? [] : try await EnforcementWork.agencies(scope, on: req.db)
        var state = state
        if state.values["year"] == nil { state.values["year"] = String(year) }
        return try await req.page("行政执法“双计划”进度（\(year)年）", status: status) {
            links()
            el("p") { el("a", .href(EnforcementPlanImport.base)) { "从 Excel 导入计划" } }
            el("p", .class("lead")) {
                "\(year)年计划培训\(progress.lines.filter { $0.kind == PlanKind.training.rawValue }.map(\.planned).reduce(0, +))场次、"
                    + "监督检查\(progress.lines.filter { $0.kind == PlanKind.supervision.rawValue }.map(\.planned).reduce(0, +))次；"
                    + "已开展培训\(progress.trainingsHeld)场次、监督检查\(progress.inspectionsHeld)次；滞后计划条目\(progress.behind.count)条。"
            }
            dataTable(caption: "按月", headers: ["月份", "计划培训", "已按计划培训", "计划监督", "已按计划监督"], rows: progress.months.map { month in
                [.text("\(month.month)月"), .text(String(month.trainingsPlanned)), .text(String(month.trainingsHeld)),
                 .text(String(month.inspectionsPlanned)), .text(String(month.inspectionsHeld))]
            })
            dataTable(caption: "按机关", headers: ["行政执法机关", "计划场次", "已完成", "滞后条目"], rows: progress.agencies.map { agency in
                [.text(agency.agency), .text(String(agency.planned)), .text(String(agency.held)),
                 agency.behindLines > 0 ? badge(String(agency.behindLines), tone: "danger") : .text("0")]
            }, empty: "本年度尚未制定计划")
            dataTable(caption: "滞后的计划条目（计划月份已过，完成少于计划）", headers: ["类别", "机关", "主题", "月份", "计划", "已完成"],
                      rows: progress.behind.map { line in
                [.text(line.kindLabel), .text(line.agency), .text(line.topic), .text("\(line.month)月"), .text(String(line.planned)), .text(String(line.held))]
            }, empty: "没有滞后的计划条目")
            if office != nil {
                errorSummary(state)
                el("h2") { "增加计划条目" }
                el("form", Attribute("method", "post"), Attribute("action", "\(base)/plan"), .class("card"), .id("plan")) {
                    csrfField(current.session.csrfToken)
                    textField("year", label: "计划年度", state: state, type: "number", required: true)
                    selectField("kind", label: "计划类别", options: PlanKind.allCases.map { ($0.rawValue, $0.label) }, state: state, required: true)
                    selectField("agencyID", label: "行政执法机关", options: agencies.map { ($0.id!.uuidString, $0.name) }, state: state, required: true)
                    textField("topic", label: "主题", state: state, required: true)
                    textField("month", label: "计划月份（1至12）", state: state, type: "number", required: true)
                    textField("planned", label: "计划场次", state: state, type: "number", required: true)
                    submitButton("增加")
                }
            }
        }
    }

    @Sendable static func postPlanLine(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let form = try req.content.decode([String: String].self)
        let input = EnforcementWork.PlanLineInput(year: form["year"].flatMap { Int($0) }, kind: form["kind"], agencyID: form["agencyID"].flatMap(UUID.init(uuidString:)),
                                                  topic: form["topic"], month: form["month"].flatMap { Int($0) }, planned: form["planned"].flatMap { Int($0) })
        let office = try await EnforcementWork.office(current.scope, on: req.db)
        let agencies = try await EnforcementWork.agencies(current.scope, on: req.db)
        do {
            _ = try await req.db.transaction { tx in
                try await EnforcementWork.addPlanLine(input, office: office, agencies: agencies, actor: current.actor, on: tx)
            }
            return req.redirect(to: "\(base)?year=\(input.year ?? ChinaTime.today.year)")
        } catch {
            guard let errors = formErrors(error) else { throw error }
            return try await planPage(req, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        }
    }

    // MARK: Trainings

    static let attendanceRows = 5

    static func trainingsPage(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let scope = try EnforcementAPI.readable(req)
        let year = try EnforcementAPI.year(req)
        let paging = try Paging.from(req, size: 50)
        let list = try await EnforcementQueries.trainings(scope, year: year, paging: paging, on: req.db)
        let office = try? await EnforcementWork.office(scope, on: req.db)
        let agencies = office == nil ? [] : try await EnforcementWork.agencies(scope, on: req.db)
        let planLines = office == nil ? [] : try await EnforcementQueries.progress(scope, year: year, today: ChinaTime.today, on: req.db).lines
            .filter { $0.kind == PlanKind.training.rawValue }
        return try await req.page("行政执法培训（\(year)年）", status: status) {
            links()
            el("p") { el("a", .href(EnforcementTrainingImport.sheet.base)) { "从 Excel 导入培训" } }
            el("p", .class("lead")) { "\(year)年已开展行政执法培训\(list.total)场次；尚有\(list.untrained.count)个行政执法机关本年度未参训。" }
            dataTable(headers: ["培训日期", "培训主题", "参训机关", "参训人数", "计划内"], rows: list.trainings.map { training in
                [.text(training.heldOn), .text(training.topic), .text(String(training.agencies)), .text(String(training.attendees)),
                 .text(training.planLineID == nil ? "计划外" : "是")]
            }, empty: "本年度尚无培训记录")
            pager(page: list.page, total: list.total, pageSize: paging.size, base: "\(base)/trainings", query: ["year": String(year)])
            el("h2", .id("untrained")) { "本年度尚未参训的行政执法机关" }
            if list.untrained.isEmpty {
                el("p") { "本年度各行政执法机关均已参训。" }
            } else {
                el("ul") { for agency in list.untrained { el("li") { agency.name } } }
            }
            if office != nil {
                errorSummary(state)
                el("h2") { "记录培训" }
                el("form", Attribute("method", "post"), Attribute("action", "\(base)/trainings"), .class("card"), .id("training")) {
                    csrfField(current.session.csrfToken)
                    textField("heldOn", label: "培训日期", state: state, type: "date", required: true)
                    textField("topic", label: "培训主题", state: state, required: true)
                    selectField("planLineID", label: "对应的培训计划条目", options: planLines.map { ($0.id.uuidString, "\($0.month)月 \($0.agency) \($0.topic)") },
                                state: state, blank: "计划外")
                    el("fieldset", .id("f-attendance")) {
                        el("legend") { "各机关参训人数" }
                        if let error = state.errors.message(for: "attendance") { el("p", .class("error")) { error } }
                        for index in 0..<attendanceRows {
                            selectField("attendance\(index)AgencyID", label: "参训机关\(index + 1)", options: agencies.map { ($0.id!.uuidString, $0.name) },
                                        state: state, blank: "—")
                            textField("attendance\(index)Attendees", label: "参训人数", state: state, type: "number")
                        }
                    }
                    submitButton("记录")
                }
            }
        }
    }

    @Sendable static func postTraining(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let form = try req.content.decode([String: String].self)
        let rows = (0..<attendanceRows).compactMap { index -> EnforcementWork.AttendanceInput? in
            let agency = form["attendance\(index)AgencyID"] ?? "", count = form["attendance\(index)Attendees"] ?? ""
            if agency.isEmpty && count.isEmpty { return nil }
            return EnforcementWork.AttendanceInput(agencyID: UUID(uuidString: agency), attendees: Int(count.trimmingCharacters(in: .whitespaces)))
        }
        let input = EnforcementWork.TrainingInput(heldOn: form["heldOn"], topic: form["topic"], planLineID: form["planLineID"].flatMap(UUID.init(uuidString:)),
                                                  attendance: rows)
        let office = try await EnforcementWork.office(current.scope, on: req.db)
        let agencies = try await EnforcementWork.agencies(current.scope, on: req.db)
        do {
            _ = try await req.db.transaction { tx in
                try await EnforcementWork.recordTraining(input, office: office, agencies: agencies, today: ChinaTime.today, actor: current.actor, on: tx)
            }
            return req.redirect(to: "\(base)/trainings")
        } catch {
            guard var errors = formErrors(error) else { throw error }
            // Rows are numbered as filled; the form's rows keep their places, which only differ when a blank row comes first.
            let prefixes = Dictionary(uniqueKeysWithValues: (0..<attendanceRows).map { ("attendance[\($0)].", "attendance\($0)") })
            errors.errors = errors.errors.map { FieldError(field: flatFormField($0.field, prefixes), message: $0.message, code: $0.code) }
            return try await trainingsPage(req, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        }
    }

    // MARK: Inspections

    @Sendable static func inspectionsPage(_ req: Request) async throws -> Response {
        let scope = try EnforcementAPI.readable(req)
        let year = try EnforcementAPI.year(req)
        let paging = try Paging.from(req, size: 50)
        let list = try await EnforcementQueries.inspections(scope, year: year, paging: paging, on: req.db)
        let office = try? await EnforcementWork.office(scope, on: req.db)
        return try await req.page("监督检查（\(year)年）") {
            links()
            el("p", .class("lead")) { "\(year)年已开展监督检查\(list.total)次。" }
            if office != nil {
                el("p") {
                    el("a", .href("\(base)/inspections/new"), .class("button")) { "记录监督检查" }
                    " "
                    el("a", .href(EnforcementInspectionImport.sheet.base)) { "从 Excel 导入监督检查" }
                }
            }
            dataTable(headers: ["日期", "类别", "监督事项", "评查案卷"], rows: list.inspections.map { row in
                [.text(row.heldOn), .text(row.kindLabel), el("a", .href("\(base)/inspections/\(row.id)")) { row.topic }, .text(String(row.filesReviewed))]
            }, empty: "本年度尚无监督检查记录")
            pager(page: list.page, total: list.total, pageSize: paging.size, base: "\(base)/inspections", query: ["year": String(year)])
        }
    }

    static let findingRows = 3

    static func newInspectionPage(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let office = try await EnforcementWork.office(current.scope, on: req.db)
        let agencies = try await EnforcementWork.agencies(current.scope, on: req.db)
        let today = ChinaTime.today.description
        let supervisors = try await RegisterEntry.query(on: req.db).filter(\.$kind == EnforcementWork.supervisorKind)
            .filter(\.$org.$id ~~ Array(current.scope.readableOrgIDs(.enforcementSupervision)))
            .filter(\.$activeFrom <= today).group(.or) { $0.filter(\.$activeTo == nil).filter(\.$activeTo > today) }.sort(\.$name).range(0..<500).all()
        let planLines = try await EnforcementQueries.progress(current.scope, year: ChinaTime.today.year, today: ChinaTime.today, on: req.db).lines
            .filter { $0.kind == PlanKind.supervision.rawValue }
        let agencyOptions = agencies.map { ($0.id!.uuidString, $0.name) }
        let clock = try await RectificationClock.of(req)
        return try await req.page("记录监督检查", status: status) {
            links()
            errorSummary(state)
            el("form", Attribute("method", "post"), Attribute("action", "\(base)/inspections"), .class("card"), .id("inspection")) {
                csrfField(current.session.csrfToken)
                el("p", .class("hint")) { "组织单位：\(office.name)" }
                selectField("kind", label: "监督类别", options: InspectionKind.allCases.map { ($0.rawValue, $0.label) }, state: state, required: true)
                textField("heldOn", label: "监督日期", state: state, type: "date", required: true)
                textField("topic", label: "监督事项", state: state, required: true)
                selectField("planLineID", label: "对应的监督计划条目", options: planLines.map { ($0.id.uuidString, "\($0.month)月 \($0.agency) \($0.topic)") },
                            state: state, blank: "计划外")
                el("fieldset", .id("f-agencyIDs")) {
                    el("legend") { "被监督单位" }
                    if let error = state.errors.message(for: "agencyIDs") { el("p", .class("error")) { error } }
                    for agency in agencies {
                        el("div", .class("field checkbox")) {
                            el("input", .type("checkbox"), .id("f-agency-\(agency.id!)"), .name("agency_\(agency.id!)"),
                               .flag("checked", state.values["agency_\(agency.id!)"] == "on"))
                            el("label", .for("f-agency-\(agency.id!)")) { agency.name }
                        }
                    }
                }
                textField("filesReviewed", label: "评查执法案卷数", state: state, type: "number", required: true)
                textField("participants", label: "参加人员", state: state)
                el("fieldset", .id("f-supervisorIDs")) {
                    el("legend") { "企业家监督员（联合监督）" }
                    if let error = state.errors.message(for: "supervisorIDs") { el("p", .class("error")) { error } }
                    if supervisors.isEmpty { el("p", .class("hint")) { "名册中尚无在聘的企业家监督员" } }
                    for supervisor in supervisors {
                        el("div", .class("field checkbox")) {
                            el("input", .type("checkbox"), .id("f-supervisor-\(supervisor.id!)"), .name("supervisor_\(supervisor.id!)"),
                               .flag("checked", state.values["supervisor_\(supervisor.id!)"] == "on"))
                            el("label", .for("f-supervisor-\(supervisor.id!)")) { supervisor.name + (supervisor.values["company"].map { "（\($0)）" } ?? "") }
                        }
                    }
                }
                for index in 0..<findingRows {
                    el("fieldset", .id("finding\(index)")) {
                        el("legend") { "发现的问题\(index + 1)（制发整改通知书；没有可不填）" }
                        selectField("finding\(index)AgencyID", label: "所属机关", options: agencyOptions, state: state, blank: "—")
                        selectField("finding\(index)Category", label: "问题类别", options: EnforcementSupervisionRules.findingCategories.map { ($0.code, $0.label) },
                                    state: state, blank: "—")
                        textArea("finding\(index)Description", label: "问题描述", state: state)
                        textField("finding\(index)DueOn", label: "整改期限（不填为通知之日起\(clock.rule.limitText)；最后一日为法定休假日的顺延至其后第一个工作日）",
                                  state: state, type: "date")
                    }
                }
                submitButton("记录")
            }
        }
    }

    @Sendable static func postInspection(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let form = try req.content.decode([String: String].self)
        func ids(_ prefix: String) -> [UUID] {
            form.filter { $0.key.hasPrefix(prefix) && $0.value == "on" }.compactMap { UUID(uuidString: String($0.key.dropFirst(prefix.count))) }
        }
        var places: [Int] = []
        let findings = (0..<findingRows).compactMap { index -> EnforcementWork.FindingInput? in
            let values = ["AgencyID", "Category", "Description", "DueOn"].map { form["finding\(index)\($0)"] ?? "" }
            if values.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return nil }
            places.append(index)
            return EnforcementWork.FindingInput(agencyID: UUID(uuidString: values[0]), category: values[1], description: values[2], dueOn: values[3])
        }
        let input = EnforcementWork.InspectionInput(
            kind: form["kind"], heldOn: form["heldOn"], topic: form["topic"], planLineID: form["planLineID"].flatMap(UUID.init(uuidString:)),
            agencyIDs: ids("agency_"), filesReviewed: Int((form["filesReviewed"] ?? "").trimmingCharacters(in: .whitespaces)),
            participants: form["participants"], supervisorIDs: ids("supervisor_"), findings: findings)
        let office = try await EnforcementWork.office(current.scope, on: req.db)
        let agencies = try await EnforcementWork.agencies(current.scope, on: req.db)
        let clock = try await RectificationClock.of(req)
        do {
            let (inspection, _) = try await req.db.transaction { tx in
                try await EnforcementWork.recordInspection(input, office: office, agencies: agencies, today: ChinaTime.today, clock: clock,
                                                           actor: current.actor, on: tx)
            }
            return req.redirect(to: "\(base)/inspections/\(inspection.id!)")
        } catch {
            guard var errors = formErrors(error) else { throw error }
            let prefixes = Dictionary(uniqueKeysWithValues: places.enumerated().map { ("findings[\($0.offset)].", "finding\($0.element)") })
            errors.errors = errors.errors.map { FieldError(field: flatFormField($0.field, prefixes), message: $0.message, code: $0.code) }
            return try await newInspectionPage(req, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        }
    }

    @Sendable static func inspectionPage(_ req: Request) async throws -> Response {
        let scope = try EnforcementAPI.readable(req)
        let body = try await EnforcementQueries.inspection(scope, req.parameters.get("id", as: UUID.self), today: ChinaTime.today,
                                                           clock: try await RectificationClock.of(req), on: req.db)
        return try await req.page("\(body.kindLabel)：\(body.topic)") {
            links()
            el("dl", .class("facts")) {
                for (term, value) in [("监督日期", body.heldOn), ("被监督单位", body.agencies.map(\.name).joined(separator: "、")),
                                      ("评查执法案卷", "\(body.filesReviewed)卷"), ("参加人员", body.participants.isEmpty ? "—" : body.participants),
                                      ("企业家监督员", body.supervisors.isEmpty ? "—" : body.supervisors.joined(separator: "、")),
                                      ("计划内", body.planLineID == nil ? "计划外" : "是")] {
                    el("dt") { term }
                    el("dd") { value }
                }
            }
            el("p") { el("a", .href("\(base)/inspections/\(body.id)/report.docx")) { "下载监督检查情况报告（Word 文档）" } }
            findingsTable(body.findings, caption: "发现的问题及整改")
        }
    }

    static func findingsTable(_ findings: [EnforcementQueries.FindingBody], caption: String) -> Markup {
        dataTable(caption: caption, headers: ["整改通知书", "机关", "类别", "问题", "整改期限", "状态"], rows: findings.map { finding in
            [el("a", .href("\(base)/findings/\(finding.id)")) { finding.noticeNumber }, .text(finding.agency), .text(finding.categoryLabel),
             .text(finding.description), CaseViews.chip(finding.deadline),
             finding.overdue ? badge("逾期 · " + finding.stateLabel, tone: "danger")
                : badge(finding.stateLabel, tone: finding.state == RectificationState.accepted.rawValue ? "ok" : "info")]
        }, empty: "没有问题")
    }

    // MARK: Rectification

    @Sendable static func queuePage(_ req: Request) async throws -> Response {
        let scope = try EnforcementAPI.readable(req)
        let queue = req.query[String.self, at: "queue"] ?? "overdue"
        let paging = try Paging.from(req, size: 50)
        let clock = try await RectificationClock.of(req)
        let list = try await EnforcementQueries.queue(scope, queue, today: ChinaTime.today, clock: clock, paging: paging, on: req.db)
        let label = EnforcementQueries.queues.first { $0.code == queue }?.label ?? queue
        return try await req.page("整改队列：\(label)") {
            links()
            el("nav", .class("queues"), .aria("label", "整改队列")) {
                for (code, title) in EnforcementQueries.queues {
                    el("a", .href("\(base)/rectifications?queue=\(code)"), .aria("current", code == queue ? "page" : nil)) { title }
                    " "
                }
            }
            el("p", .class("hint")) {
                "整改期限由期限规则计算（\(clock.rule.title)：自\(clock.rule.trigger)起\(clock.rule.limitText)，最后一日为法定休假日的顺延；"
                    + "\(clock.redoRule.title)：\(clock.redoRule.limitText)），依据：\(clock.rule.basis)。\(DeadlineRule.unverifiedNote)。"
            }
            findingsTable(list.findings, caption: "\(label)（\(list.total)条）")
            pager(page: list.page, total: list.total, pageSize: paging.size, base: "\(base)/rectifications", query: ["queue": queue])
        }
    }

    static func findingPage(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let finding = try await current.scope.find(EnforcementFinding.self, req.parameters.get("id", as: UUID.self), on: req.db)
        let body = try await EnforcementQueries.bodies([finding], today: ChinaTime.today, clock: try await RectificationClock.of(req), explained: true,
                                                       on: req.db)[0]
        let inspection = try await EnforcementInspection.find(finding.inspectionID, on: req.db)
        let mayReport = current.scope.canAct(.enforcementSupervision, at: finding.$org.id) && finding.rectification.awaitsReport
        let mayReview = inspection.map { current.scope.canAct(.enforcementSupervision, at: $0.$org.id) } == true
            && finding.rectification == .reported
        var state = state
        for field in ["reportedOn", "reviewedOn"] where state.values[field] == nil { state.values[field] = ChinaTime.today.description }
        var facts: [(String, String)] = [("被监督机关", body.agency), ("监督事项", inspection?.topic ?? "—"), ("问题类别", body.categoryLabel)]
        facts += [("问题", body.description), ("通知日期", body.notifiedOn)]
        facts.append(("状态", body.overdue ? "逾期 · " + body.stateLabel : body.stateLabel))
        let reported: String = body.report.map { report in report + "（" + (body.reportedOn ?? "") + "报送）" } ?? "—"
        facts.append(("整改情况", reported))
        let reviewed: String = body.reviewedOn.map { day in day + (body.reviewComment.map { "：" + $0 } ?? "") } ?? "—"
        facts.append(("验收", reviewed))
        return try await req.page("整改通知书 \(body.noticeNumber)", status: status) {
            links()
            el("dl", .class("facts")) {
                for (term, value) in facts {
                    el("dt") { term }
                    el("dd") { value }
                }
            }
            CaseViews.deadlines([body.deadline])
            el("p") { el("a", .href("\(base)/findings/\(body.id)/notice.docx")) { "下载整改通知书（Word 文档）" } }
            errorSummary(state)
            if mayReport {
                el("h2") { "报送整改情况" }
                el("form", Attribute("method", "post"), Attribute("action", "\(base)/findings/\(body.id)/report"), .class("card"), .id("report")) {
                    csrfField(current.session.csrfToken)
                    textField("reportedOn", label: "报送日期", state: state, type: "date", required: true)
                    textArea("report", label: "整改情况", state: state, rows: 4)
                    submitButton("报送")
                }
            }
            if mayReview {
                el("h2") { "整改验收" }
                el("form", Attribute("method", "post"), Attribute("action", "\(base)/findings/\(body.id)/review"), .class("card"), .id("review")) {
                    csrfField(current.session.csrfToken)
                    textField("reviewedOn", label: "验收日期", state: state, type: "date", required: true)
                    selectField("accept", label: "验收结论", options: [("true", "验收通过"), ("false", "退回重新整改")], state: state, required: true)
                    textArea("comment", label: "验收意见（退回时必填）", state: state)
                    submitButton("提交验收")
                }
            }
        }
    }

    @Sendable static func postReport(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let finding = try await EnforcementAPI.actable(req, current)
        let form = try req.content.decode([String: String].self)
        do {
            try await req.db.transaction { tx in
                try await EnforcementWork.report(.init(reportedOn: form["reportedOn"], report: form["report"]), finding: finding, today: ChinaTime.today,
                                                 actor: current.actor, on: tx)
            }
            return req.redirect(to: "\(base)/findings/\(finding.id!)")
        } catch {
            guard let errors = formErrors(error) else { throw error }
            return try await findingPage(req, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        }
    }

    @Sendable static func postReview(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let finding = try await EnforcementAPI.reviewable(req, current)
        let form = try req.content.decode([String: String].self)
        let accept: Bool? = form["accept"] == "true" ? true : form["accept"] == "false" ? false : nil
        let clock = try await RectificationClock.of(req)
        do {
            try await req.db.transaction { tx in
                try await EnforcementWork.review(.init(reviewedOn: form["reviewedOn"], accept: accept, comment: form["comment"]), finding: finding,
                                                 today: ChinaTime.today, clock: clock, actor: current.actor, on: tx)
            }
            return req.redirect(to: "\(base)/findings/\(finding.id!)")
        } catch {
            guard let errors = formErrors(error) else { throw error }
            return try await findingPage(req, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        }
    }

    @Sendable static func noticeDocx(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let finding = try await current.scope.find(EnforcementFinding.self, req.parameters.get("id", as: UUID.self), on: req.db)
        return try docx(try await EnforcementNotice.document(for: finding, on: req.db), name: "\(finding.noticeNumber)-整改通知书.docx")
    }

    @Sendable static func reportDocx(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let inspection = try await current.scope.find(EnforcementInspection.self, req.parameters.get("id", as: UUID.self), on: req.db)
        return try docx(try await EnforcementNotice.report(for: inspection, on: req.db), name: "\(inspection.heldOn)-\(EnforcementNotice.reportTitle).docx")
    }

    static func docx(_ document: OfficialDocument, name: String) throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.wordprocessingml.document")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "document.docx"
        headers.add(name: .contentDisposition, value: "attachment; filename=\"document.docx\"; filename*=UTF-8''\(encoded)")
        return Response(status: .ok, headers: headers, body: .init(data: try DocxWriter().docx(document)))
    }
}
