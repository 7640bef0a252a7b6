import Fluent
import FazhiCore
import Vapor

/// 应诉登记: a lawsuit against a district agency, registered when the copy of the complaint is served; the defence
/// deadline (15 days, 行政诉讼法第六十七条) starts from that day.
struct LitigationRegistration {
    struct Input: Content {
        /// The org that handles the case (the litigation office); defaults to the user's first org acting in the line.
        var orgID: UUID?
        var servedOn: String?
        var court: String?
        var courtCaseNumber: String?
        var claims: String?
        var defendantID: UUID?
        var plaintiffs: [PartyInput]?
    }

    let db: Database
    let scope: Scope
    let actor: AuditActor
    let calendar: WorkingCalendar
    let protection: DataProtection

    func register(_ input: Input, today: CivilDate) async throws -> CaseRecord {
        var errors = ValidationErrors()
        let org = try scope.registrationOrg(input.orgID, for: .litigation, errors: &errors)
        let servedOn = input.servedOn.flatMap(CivilDate.init(string:))
        if servedOn == nil { errors.add("servedOn", "收到起诉状副本日期格式应为 YYYY-MM-DD") }
        if let servedOn, servedOn > today { errors.add("servedOn", "收到起诉状副本日期不能晚于今天") }
        let plaintiffs = input.plaintiffs ?? []
        if plaintiffs.isEmpty { errors.add("plaintiffs", "至少需要一名原告") }
        for (index, party) in plaintiffs.enumerated() { party.validate(at: "plaintiffs[\(index)]", errors: &errors, today: today) }
        var defendant: Org?
        if let id = input.defendantID { defendant = try await OrgDirectory.agency(id, servingOrg: org, on: db) }
        if defendant == nil { errors.add("defendantID", "被告须为本区行政机关") }
        for (field, value, label) in [("court", input.court, "受理法院"), ("courtCaseNumber", input.courtCaseNumber, "法院案号"),
                                      ("claims", input.claims, "诉讼请求")]
        where (value ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            errors.add(field, "\(label)不能为空")
        }
        for (field, value, label, limit) in [("court", input.court, "受理法院", 100), ("courtCaseNumber", input.courtCaseNumber, "法院案号", 60),
                                             ("claims", input.claims, "诉讼请求", 2000)]
        where (value ?? "").count > limit {
            errors.add(field, "\(label)不能超过\(limit)个字符")
        }
        // A court case number names one lawsuit: registered once in the bureau (the import skips it as already present).
        let bureau = try await OrgDirectory.bureau(of: org, on: db)?.id ?? org
        if let court = input.court, let number = input.courtCaseNumber,
           let registered = try await LitigationDetail.registered(court: court, courtCaseNumber: number, bureauID: bureau, on: db) {
            errors.add("courtCaseNumber", "\(court)\(number)已登记为应诉案件\(registered.caseRecord.caseNumber)")
        }
        try errors.throwIfAny()
        return try await open(servedOn: servedOn!, court: input.court!, courtCaseNumber: input.courtCaseNumber!, claims: input.claims!,
                              org: org, bureau: bureau, defendant: defendant!, plaintiffs: plaintiffs)
    }

    /// Opens a checked lawsuit: the case with its serving event, the detail row and the plaintiffs, in one transaction.
    /// The demo opens its lawsuits here too, naming their handler.
    func open(servedOn: CivilDate, court: String, courtCaseNumber: String, claims: String, org: UUID, bureau: UUID,
              defendant: Org, plaintiffs: [PartyInput], handler: UUID? = nil) async throws -> CaseRecord {
        let event = LitigationEvent.serve(date: servedOn, court: court, courtCaseNumber: courtCaseNumber, claims: claims)
        let protection = self.protection
        let title = "\(plaintiffs[0].titleName)诉\(defendant.name)（\(courtCaseNumber)）"
        let opening = CaseWorkflow<LitigationRules>.Opening(org: org, agency: defendant.id, handler: handler, title: String(title.prefix(200)),
                                                            details: { record, rows in
            rows.add(LitigationDetail(caseID: record.id!, bureauID: bureau, court: court, courtCaseNumber: courtCaseNumber, claims: claims))
            for party in plaintiffs { rows.add(try party.record(role: "plaintiff", caseID: record.id!, protection: protection)) }
        })
        return try await CaseWorkflow<LitigationRules>(db: db, calendar: calendar, actor: actor).open(event, opening)
    }
}
