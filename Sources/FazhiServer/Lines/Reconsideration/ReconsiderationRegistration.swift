import Fluent
import FazhiCore
import Vapor

/// 收案登记: an application received at the reception centre, by post or online, registered as a new case.
struct ReconsiderationRegistration {
    struct Input: Content {
        /// The org that handles the case (the reception centre); defaults to the user's first org acting in the line.
        var orgID: UUID?
        var receivedOn: String?
        var channel: String?
        var postedOn: String?
        var applicants: [PartyInput]?
        var representatives: [PartyInput]?
        var thirdParties: [PartyInput]?
        /// The respondent agency (an org of kind `agency`).
        var respondentID: UUID?
        var act: String?
        var actDate: String?
        var knewOn: String?
        var informedOfRight: Bool?
        var realProperty: Bool?
        var request: String?
        var traffic: Bool?
        var handlerID: UUID?
    }

    let db: Database
    let scope: Scope
    let actor: AuditActor
    let calendar: WorkingCalendar
    let protection: DataProtection

    func register(_ input: Input, today: CivilDate) async throws -> CaseRecord {
        var errors = ValidationErrors()
        let org = try scope.registrationOrg(input.orgID, for: .reconsideration, errors: &errors)
        let receivedOn = date(input.receivedOn, "receivedOn", "收到申请日期", required: true, errors: &errors)
        if let receivedOn, receivedOn > today { errors.add("receivedOn", "收到申请日期不能晚于今天") }
        let knewOn = date(input.knewOn, "knewOn", "知道该行政行为的日期", required: true, errors: &errors)
        let actDate = date(input.actDate, "actDate", "行政行为作出日期", required: false, errors: &errors)
        let postedOn = date(input.postedOn, "postedOn", "邮寄日期", required: false, errors: &errors)
        let channel = ApplicationChannel(rawValue: input.channel ?? "reception")
        if channel == nil { errors.add("channel", "申请方式须为 reception（窗口）、post（邮寄）或 online（网上）") }
        let applicants = input.applicants ?? []
        if applicants.isEmpty { errors.add("applicants", "至少需要一名申请人") }
        for (index, party) in applicants.enumerated() { party.validate(at: "applicants[\(index)]", errors: &errors, today: today) }
        for (index, party) in (input.representatives ?? []).enumerated() {
            party.validate(at: "representatives[\(index)]", errors: &errors, today: today)
        }
        for (index, party) in (input.thirdParties ?? []).enumerated() {
            party.validate(at: "thirdParties[\(index)]", errors: &errors, today: today)
        }
        let respondent = try await resolveRespondent(input.respondentID, servingOrg: org, errors: &errors)
        let act = input.act?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if act.isEmpty { errors.add("act", "请填写申请行政复议的行政行为") }
        let request = input.request?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if request.isEmpty { errors.add("request", "请填写行政复议请求") }
        // Naming the handler at registration is the centre head's assignment, not an officer's choice.
        if let handlerID = input.handlerID {
            if !scope.canAssign(.reconsideration, at: org) {
                errors.add("handlerID", "只有科室负责人（领导角色）可以指定承办人")
            } else {
                do {
                    _ = try await CaseAssignment.handler(handlerID, line: .reconsideration, org: org, scope: scope, on: db)
                } catch let error as FieldError {
                    errors.errors.append(error)
                }
            }
        }
        try errors.throwIfAny()

        let event = ReconsiderationEvent.receive(
            date: receivedOn!, knewOn: knewOn!, actDate: actDate, informedOfRight: input.informedOfRight ?? true,
            realProperty: input.realProperty ?? false, channel: channel!, postedOn: postedOn)
        let first = applicants[0].titleName
        let title = "\(first)\(applicants.count > 1 ? "等" : "")不服\(respondent!.name)\(act)"
        let protection = self.protection
        let parties = [("applicant", applicants), ("representative", input.representatives ?? []),
                       ("thirdParty", input.thirdParties ?? [])]
        let opening = CaseWorkflow<ReconsiderationRules>.Opening(
            org: org, agency: respondent!.id, handler: input.handlerID, title: String(title.prefix(200)),
            details: { record, rows in
                rows.add(ReconsiderationDetail(caseID: record.id!, act: act, request: request, traffic: input.traffic ?? false))
                for (role, list) in parties {
                    for party in list { rows.add(try party.record(role: role, caseID: record.id!, protection: protection)) }
                }
            })
        return try await CaseWorkflow<ReconsiderationRules>(db: db, calendar: calendar, actor: actor).open(event, opening)
    }

    /// The respondent: an agency of the bureau the case is handled in (never another bureau's).
    private func resolveRespondent(_ id: UUID?, servingOrg: UUID?, errors: inout ValidationErrors) async throws -> Org? {
        guard let id else {
            errors.add("respondentID", "请选择被申请人")
            return nil
        }
        guard let servingOrg, let org = try await OrgDirectory.agency(id, servingOrg: servingOrg, on: db) else {
            errors.add("respondentID", "被申请人须为本区行政机关")
            return nil
        }
        return org
    }

    private func date(_ text: String?, _ field: String, _ label: String, required: Bool, errors: inout ValidationErrors) -> CivilDate? {
        guard let text, !text.isEmpty else {
            if required { errors.add(field, "\(label)不能为空") }
            return nil
        }
        guard let date = CivilDate(string: text) else {
            errors.add(field, "\(label)格式应为 YYYY-MM-DD，且须为存在的日期")
            return nil
        }
        return date
    }
}
