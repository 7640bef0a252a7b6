import Fluent
import FazhiCore
import Vapor

/// The enforcement-supervision office's writes, one function per step, each validating its whole input first (every
/// field's error at once, 422) and then writing its rows and the audit row on the caller's transaction — the pages,
/// the API and the demo all write through these, so nothing is half-written and nothing writes beside them.
enum EnforcementWork {
    struct PlanLineInput: Content {
        var year: Int?
        var kind: String?
        var agencyID: UUID?
        var topic: String?
        var month: Int?
        var planned: Int?
    }

    struct AttendanceInput: Content {
        var agencyID: UUID?
        var attendees: Int?
    }

    struct TrainingInput: Content {
        var heldOn: String?
        var topic: String?
        var planLineID: UUID?
        var attendance: [AttendanceInput]?
    }

    struct FindingInput: Content {
        var agencyID: UUID?
        var category: String?
        var description: String?
        /// The deadline the notice sets; absent → 30 days (`EnforcementSupervisionRules.rectificationRule`); either way
        /// counted by the deadline engine, so a last day on a rest day rolls forward to the next working day.
        var dueOn: String?
    }

    struct InspectionInput: Content {
        var kind: String?
        var heldOn: String?
        var topic: String?
        var planLineID: UUID?
        var agencyIDs: [UUID]?
        var filesReviewed: Int?
        var participants: String?
        var supervisorIDs: [UUID]?
        var findings: [FindingInput]?
    }

    struct ReportInput: Content {
        var reportedOn: String?
        var report: String?
    }

    struct ReviewInput: Content {
        var reviewedOn: String?
        var accept: Bool?
        var comment: String?
    }

    /// The register of entrepreneur supervisors (企业家监督员) the inspections draw from.
    static let supervisorKind = "enforcement.entrepreneurSupervisor"

    /// Where the office's plans, trainings and inspections belong: the user's org for the line, if it is the bureau or one
    /// of its offices (stations and agencies do not run the plan).
    static func office(_ scope: Scope, on db: Database) async throws -> Org {
        guard let id = scope.homeOrg(for: .enforcementSupervision), let org = try await Org.find(id, on: db),
              [OrgKind.bureau, .office].contains(org.kind)
        else { throw Abort(.forbidden, reason: "只有司法局行政执法协调监督科可以制定计划、记录培训和监督检查") }
        return org
    }

    /// The agencies (行政机关) the user may name, by id.
    static func agencies(_ scope: Scope, on db: Database) async throws -> [Org] {
        let ids = Array(scope.readableOrgIDs(.enforcementSupervision))
        guard !ids.isEmpty else { return [] }
        return try await Org.query(on: db).filter(\.$kind == .agency).filter(\.$id ~~ ids).filter(\.$active == true).sort(\.$code).all()
    }

    // MARK: The plan

    static func addPlanLine(_ input: PlanLineInput, office: Org, agencies: [Org], actor: AuditActor, on db: Database) async throws -> EnforcementPlanLine {
        var errors = ValidationErrors()
        let year = input.year ?? 0
        if !(2000...2100).contains(year) { errors.add("year", "计划年度须为2000至2100之间的年份") }
        let kind = input.kind.flatMap(PlanKind.init(rawValue:))
        if kind == nil { errors.add("kind", "计划类别须为 training（培训计划）或 supervision（监督计划）") }
        if input.agencyID.map({ id in !agencies.contains { $0.id == id } }) ?? true { errors.add("agencyID", "须选择本区的一个行政执法机关") }
        let topic = clean(input.topic)
        check(topic, "topic", "主题", max: 100, into: &errors)
        errors.errors += PlanProgress.check(month: input.month, planned: input.planned)
        try errors.throwIfAny()
        if try await EnforcementPlanLine.query(on: db).filter(\.$org.$id == office.id!).filter(\.$year == year).filter(\.$kind == kind!.rawValue)
            .filter(\.$agencyID == input.agencyID!).filter(\.$topic == topic).filter(\.$month == input.month!).first() != nil {
            throw ValidationErrors([FieldError(field: "topic", message: "该机关\(input.month!)月已有同一主题的\(kind!.label)条目")])
        }
        let line = EnforcementPlanLine()
        line.id = UUID()
        line.$org.id = office.id!
        line.year = year
        line.kind = kind!.rawValue
        line.agencyID = input.agencyID!
        line.topic = topic
        line.month = input.month!
        line.planned = input.planned!
        line.createdBy = actor.name
        try await line.create(on: db)
        try await AuditLog.record(on: db, actor: actor, action: "create", entityType: "enforcementPlanLine", entityID: line.id!.uuidString, before: nil,
                                  after: ["year": String(year), "kind": line.kind, "agency": line.agencyID.uuidString, "topic": topic,
                                          "month": String(line.month), "planned": String(line.planned)])
        return line
    }

    /// The plan line a training or inspection is matched to: of the office, of the kind, of the year it was held.
    private static func planLine(_ id: UUID?, kind: PlanKind, year: Int?, office: Org, on db: Database, into errors: inout ValidationErrors)
        async throws -> EnforcementPlanLine? {
        guard let id else { return nil }
        guard let line = try await EnforcementPlanLine.query(on: db).filter(\.$id == id).filter(\.$org.$id == office.id!).first(),
              line.kind == kind.rawValue, year == nil || line.year == year
        else {
            errors.add("planLineID", "所选计划条目不存在，或不是本年度的\(kind.label)条目")
            return nil
        }
        return line
    }

    // MARK: Trainings

    static func recordTraining(_ input: TrainingInput, office: Org, agencies: [Org], today: CivilDate, actor: AuditActor, on db: Database)
        async throws -> EnforcementTraining {
        var errors = ValidationErrors()
        let held = heldDate(input.heldOn, today: today, field: "heldOn", label: "培训日期", into: &errors)
        let topic = clean(input.topic)
        check(topic, "topic", "培训主题", max: 100, into: &errors)
        let planLine = try await planLine(input.planLineID, kind: .training, year: held?.year, office: office, on: db, into: &errors)
        let attendance = input.attendance ?? []
        if attendance.isEmpty { errors.add("attendance", "须填写至少一个机关的参训人数") }
        if attendance.count > 200 { errors.add("attendance", "参训机关不能超过200个") }
        var seen: Set<UUID> = []
        for (index, row) in attendance.enumerated() {
            guard let id = row.agencyID, agencies.contains(where: { $0.id == id }) else {
                errors.add("attendance[\(index)].agencyID", "第\(index + 1)行须选择本区的一个行政执法机关")
                continue
            }
            if !seen.insert(id).inserted { errors.add("attendance[\(index)].agencyID", "第\(index + 1)行的机关重复") }
            if !(1...5000).contains(row.attendees ?? 0) { errors.add("attendance[\(index)].attendees", "第\(index + 1)行的参训人数须为1至5000的整数") }
        }
        try errors.throwIfAny()
        let training = EnforcementTraining()
        training.id = UUID()
        training.$org.id = office.id!
        training.planLineID = planLine?.id
        training.heldOn = held!.description
        training.topic = topic
        training.attendees = attendance.compactMap(\.attendees).reduce(0, +)
        training.createdBy = actor.name
        var batch = ModelBatch()
        batch.add(training)
        for row in attendance {
            let attended = TrainingAttendance()
            attended.trainingID = training.id!
            attended.agencyID = row.agencyID!
            attended.attendees = row.attendees!
            batch.add(attended)
        }
        try await batch.create(on: db)
        try await AuditLog.record(on: db, actor: actor, action: "create", entityType: "enforcementTraining", entityID: training.id!.uuidString, before: nil,
                                  after: ["heldOn": training.heldOn, "topic": topic, "agencies": String(attendance.count), "attendees": String(training.attendees)])
        return training
    }

    // MARK: Inspections

    static func recordInspection(_ input: InspectionInput, office: Org, agencies: [Org], today: CivilDate, clock: RectificationClock,
                                 actor: AuditActor, on db: Database) async throws -> (EnforcementInspection, [EnforcementFinding]) {
        var errors = ValidationErrors()
        let kind = input.kind.flatMap(InspectionKind.init(rawValue:))
        if kind == nil { errors.add("kind", "监督类别须为 special（专项监督）或 joint（联合监督）") }
        let held = heldDate(input.heldOn, today: today, field: "heldOn", label: "监督日期", into: &errors)
        let topic = clean(input.topic)
        check(topic, "topic", "监督事项", max: 100, into: &errors)
        let planLine = try await planLine(input.planLineID, kind: .supervision, year: held?.year, office: office, on: db, into: &errors)
        let inspected = Array(Set(input.agencyIDs ?? []))
        if inspected.isEmpty || inspected.count > 50 || inspected.contains(where: { id in !agencies.contains { $0.id == id } }) {
            errors.add("agencyIDs", "须选择1至50个本区的行政执法机关作为被监督单位")
        }
        let files = input.filesReviewed ?? -1
        if !(0...10_000).contains(files) { errors.add("filesReviewed", "评查执法案卷数须为0至10000的整数") }
        let participants = clean(input.participants)
        if participants.count > 500 { errors.add("participants", "参加人员不超过500个字符") }
        if let problem = PlainText.problem(participants, field: "participants", label: "参加人员") { errors.errors.append(problem) }
        let supervisorIDs = Array(Set(input.supervisorIDs ?? []))
        var supervisors: [RegisterEntry] = []
        if !supervisorIDs.isEmpty {
            if kind == .special { errors.add("supervisorIDs", "企业家监督员参加的是联合监督，请将监督类别选为联合监督") }
            supervisors = try await RegisterEntry.query(on: db).filter(\.$kind == supervisorKind).filter(\.$id ~~ supervisorIDs).all()
            let activeOn = held?.description ?? today.description
            if supervisors.count != supervisorIDs.count
                || supervisors.contains(where: { $0.activeFrom > activeOn || ($0.activeTo.map { $0 <= activeOn } ?? false) }) {
                errors.add("supervisorIDs", "所选企业家监督员须在名册中，且在监督日期在聘")
            }
        }
        let findings = input.findings ?? []
        if findings.count > 100 { errors.add("findings", "一次监督的问题不超过100条") }
        var dues: [RectificationDeadline] = []
        for (index, finding) in findings.enumerated() {
            let field = "findings[\(index)]."
            if finding.agencyID.map({ !inspected.contains($0) }) ?? true {
                errors.add(field + "agencyID", "第\(index + 1)个问题须属于本次被监督的机关")
            }
            if finding.category.flatMap(EnforcementSupervisionRules.categoryLabel) == nil {
                errors.add(field + "category", "第\(index + 1)个问题的类别须为：" + EnforcementSupervisionRules.findingCategories.map { "\($0.code)（\($0.label)）" }.joined(separator: "、"))
            }
            let text = clean(finding.description)
            if text.count < 4 || text.count > 1000 { errors.add(field + "description", "第\(index + 1)个问题的描述须为4至1000个字符") }
            if let problem = PlainText.problem(text, field: field + "description", label: "问题描述", multiline: true) { errors.errors.append(problem) }
            var requested: CivilDate?
            if let text = finding.dueOn?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                requested = CivilDate(string: text)
                if requested == nil { errors.add(field + "dueOn", "第\(index + 1)个问题的整改期限须为 YYYY-MM-DD 格式的日期") }
            }
            if let held {
                do throws(TransitionError) {
                    dues.append(try Rectification.deadline(notifiedOn: held, requested: requested, rule: clock.rule, calendar: clock.calendar))
                } catch {
                    errors.add(field + "dueOn", "第\(index + 1)个问题的" + error.message)
                }
            }
        }
        try errors.throwIfAny()

        let inspection = EnforcementInspection()
        inspection.id = UUID()
        inspection.$org.id = office.id!
        inspection.planLineID = planLine?.id
        inspection.kind = kind!.rawValue
        inspection.heldOn = held!.description
        inspection.topic = topic
        inspection.filesReviewed = files
        inspection.participants = participants
        inspection.createdBy = actor.name
        var batch = ModelBatch()
        batch.add(inspection)
        for agency in inspected {
            let row = InspectedAgency()
            row.inspectionID = inspection.id!
            row.agencyID = agency
            batch.add(row)
        }
        for supervisor in supervisors {
            let row = InspectionSupervisor()
            row.inspectionID = inspection.id!
            row.supervisorID = supervisor.id!
            row.name = supervisor.name
            batch.add(row)
        }
        var serial = try await noticeCount(year: held!.year, on: db)
        var written: [EnforcementFinding] = []
        for (index, input) in findings.enumerated() {
            serial += 1
            let finding = EnforcementFinding()
            finding.$org.id = input.agencyID!
            finding.inspectionID = inspection.id!
            finding.category = input.category!
            finding.description = clean(input.description)
            finding.noticeNumber = noticeNumber(year: held!.year, serial: serial)
            finding.notifiedOn = held!.description
            finding.keep(dues[index])
            finding.state = RectificationState.notified.rawValue
            written.append(finding)
        }
        try await batch.create(on: db)
        // Through Fluent, not the batch: the findings come back as stored rows the rectification steps then update.
        for finding in written { try await finding.create(on: db) }
        try await AuditLog.record(on: db, actor: actor, action: "create", entityType: "enforcementInspection", entityID: inspection.id!.uuidString,
                                  before: nil, after: ["kind": inspection.kind, "heldOn": inspection.heldOn, "topic": topic,
                                                       "agencies": String(inspected.count), "supervisors": String(supervisors.count),
                                                       "findings": written.map { "\($0.noticeNumber)（\($0.dueRuleKey) \($0.dueOn)）" }.joined(separator: ",")])
        return (inspection, written)
    }

    /// 执法监督整改〔2025〕12号: notices are numbered per year in the order they were issued.
    static func noticeNumber(year: Int, serial: Int) -> String { "执法监督整改〔\(year)〕\(serial)号" }

    static func noticeCount(year: Int, on db: Database) async throws -> Int {
        try await EnforcementFinding.query(on: db).filter(\.$notifiedOn >= "\(year)-01-01").filter(\.$notifiedOn <= "\(year)-12-31").count()
    }

    // MARK: Rectification

    /// The agency's report on what it did, on a finding the user may act on (the agency itself, or the office for it).
    static func report(_ input: ReportInput, finding: EnforcementFinding, today: CivilDate, actor: AuditActor, on db: Database) async throws {
        var errors = ValidationErrors()
        let reported = heldDate(input.reportedOn, today: today, field: "reportedOn", label: "报送日期", into: &errors)
        let text = clean(input.report)
        if text.count > 2000 { errors.add("report", "整改情况不超过2000个字符") }
        if let problem = PlainText.problem(text, field: "report", label: "整改情况", multiline: true) { errors.errors.append(problem) }
        try errors.throwIfAny()
        let next = try Rectification.report(state: finding.rectification, notifiedOn: CivilDate(string: finding.notifiedOn)!, reportedOn: reported!, text: text)
        let before = finding.state
        finding.state = next.rawValue
        finding.report = text
        finding.reportedOn = reported!.description
        try await finding.update(on: db)
        try await AuditLog.record(on: db, actor: actor, action: "report", entityType: "enforcementFinding", entityID: finding.id!.uuidString,
                                  before: ["state": before], after: ["state": finding.state, "reportedOn": finding.reportedOn!])
    }

    /// The office accepts the rectification or returns it; a return gives the agency until the same deadline or, if that
    /// ends sooner, the redo rule's 15 days from the return (`Rectification.afterReturn`).
    static func review(_ input: ReviewInput, finding: EnforcementFinding, today: CivilDate, clock: RectificationClock, actor: AuditActor,
                       on db: Database) async throws {
        var errors = ValidationErrors()
        let reviewed = heldDate(input.reviewedOn, today: today, field: "reviewedOn", label: "验收日期", into: &errors)
        guard let accept = input.accept else {
            errors.add("accept", "须选择验收通过或退回重新整改")
            throw errors
        }
        let comment = clean(input.comment)
        if comment.count > 1000 { errors.add("comment", "验收意见不超过1000个字符") }
        try errors.throwIfAny()
        let next = try Rectification.review(state: finding.rectification, reportedOn: finding.reportedOn.flatMap(CivilDate.init(string:)),
                                            reviewedOn: reviewed!, accept: accept, comment: comment)
        let before = finding.state
        finding.state = next.rawValue
        finding.reviewedOn = reviewed!.description
        finding.reviewComment = comment.nonEmpty
        if next == .returned {
            let current = RectificationDeadline(deadline: finding.deadline(catalogue: clock.catalogue), days: finding.dueDays)
            finding.keep(try Rectification.afterReturn(current, returnedOn: reviewed!, rule: clock.redoRule, calendar: clock.calendar))
        }
        try await finding.update(on: db)
        try await AuditLog.record(on: db, actor: actor, action: accept ? "accept" : "return", entityType: "enforcementFinding",
                                  entityID: finding.id!.uuidString, before: ["state": before],
                                  after: ["state": finding.state, "dueOn": finding.dueOn, "dueRule": finding.dueRuleKey])
    }

    // MARK: Input helpers

    static func clean(_ text: String?) -> String { (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    static func check(_ text: String, _ field: String, _ label: String, max: Int, into errors: inout ValidationErrors) {
        if text.isEmpty || text.count > max { errors.add(field, "\(label)不能为空，且不超过\(max)个字符") }
        if let problem = PlainText.problem(text, field: field, label: label) { errors.errors.append(problem) }
    }

    /// A date that has happened: YYYY-MM-DD, from 2000 through today.
    static func heldDate(_ text: String?, today: CivilDate, field: String, label: String, into errors: inout ValidationErrors) -> CivilDate? {
        guard let date = text.flatMap({ CivilDate(string: $0.trimmingCharacters(in: .whitespaces)) }) else {
            errors.add(field, "\(label)须为 YYYY-MM-DD 格式的日期")
            return nil
        }
        guard date.year >= 2000, date <= today else {
            errors.add(field, "\(label)须在2000年以后，且不能晚于今天")
            return nil
        }
        return date
    }
}
