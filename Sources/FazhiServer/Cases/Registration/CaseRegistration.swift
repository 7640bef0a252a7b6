import Fluent
import FazhiCore
import Vapor

/// How a line registers a new case, declared once: its fields (`RegistrationField`), its own rules beyond each field's,
/// and the opening event with the case's rows. The API body, the web form and the import sheet are all read into a
/// `RegistrationInput` and go through `register`, so the three accept and refuse the same things with the same words.
/// Every registration also takes `orgID` (the office, by default the user's own for the line) and `handlerID` (named by
/// the office's head, `Scope.canAssign`).
struct CaseRegistration<Rules: CaseLineRules>: Sendable {
    /// What the opening writes besides the case itself.
    struct Opened: Sendable {
        let event: Rules.Event
        /// The agency the case is against (respondent, defendant), if any.
        var agency: UUID?
        let title: String
        /// The handler the line gives a case no one named (a mediator's walk-in is theirs to mediate); nil leaves it to
        /// the office's head.
        var handler: UUID? = nil
        /// The line's rows for the new case (its detail), written in the opening's transaction; the parties are written
        /// from the party fields.
        var details: @Sendable (CaseRecord, inout ModelBatch) throws -> Void = { _, _ in }
    }

    /// The page's title, e.g. 登记行政复议申请.
    let title: String
    /// The API operation's summary in the OpenAPI document.
    let summary: String
    let fields: [RegistrationField]
    /// The line's rules that span fields or read stored records (a court case number registered once); run after every
    /// field's own rule, adding to the same errors. Values that broke their field's rule are absent.
    var check: (@Sendable (RegistrationValues, RegistrationContext, inout ValidationErrors) async throws -> Void)? = nil
    /// The opening event, agency, title and rows of a checked registration.
    let open: @Sendable (RegistrationValues, RegistrationContext) async throws -> Opened
    /// The offices the form offers to register in, when the line's cases belong to offices below the user (a station
    /// registers a dispute at one of its committees); nil: the user's own, as the API's `orgID` defaults.
    var offices: (@Sendable (Database, Scope) async throws -> [(id: UUID, name: String)])? = nil

    var line: WorkLine { Rules.line }

    /// The party roles the registration takes (code → Chinese), for case pages and the API.
    var partyRoles: [String: String] {
        Dictionary(fields.compactMap { $0.partyRole.map { ($0.role, $0.label) } }, uniquingKeysWith: { first, _ in first })
    }

    /// Checks `input` by every rule and opens the case, or throws `ValidationErrors` naming each broken rule's field.
    /// `handler`: a handler the calling code has chosen itself (the demo's officer), past the assignment rule.
    func register(_ input: RegistrationInput, in context: RegistrationContext, today: CivilDate, handler: UUID? = nil) async throws -> CaseRecord {
        let values = try await self.values(input, in: context, today: today)
        let opened = try await open(values, context)
        // The line's own handler (the registering mediator) only when that is a user: an import from the command line
        // registers as the command, which no case can be handed to.
        var lineHandler = opened.handler
        if let id = lineHandler, try await User.find(id, on: context.db) == nil { lineHandler = nil }
        let partyFields = fields.compactMap { field in field.partyRole.map { (field.name, $0.role) } }
        let protection = context.protection
        let opening = CaseWorkflow<Rules>.Opening(
            org: values.org, agency: opened.agency, handler: handler ?? values.handler ?? lineHandler, title: String(opened.title.prefix(200)),
            details: { record, rows in
                try opened.details(record, &rows)
                for (name, role) in partyFields {
                    for party in values.parties(name) { rows.add(try party.record(role: role, caseID: record.id!, protection: protection)) }
                }
            })
        return try await CaseWorkflow<Rules>(db: context.db, calendar: context.calendar, actor: context.actor).open(opened.event, opening)
    }

    /// The input's values, each by its field's rule, then by the line's; throws every broken rule at once.
    func values(_ input: RegistrationInput, in context: RegistrationContext, today: CivilDate) async throws -> RegistrationValues {
        var errors = ValidationErrors()
        let orgID = input.uuid("orgID", "办理机构", errors: &errors)
        let org = try context.scope.registrationOrg(orgID, for: line, errors: &errors)
        var values = RegistrationValues(org: org)
        for field in fields {
            try await read(field, from: input, into: &values, org: org, context: context, today: today, errors: &errors)
        }
        // Naming the handler at registration is the office head's assignment, not an officer's choice.
        if let handlerID = input.uuid("handlerID", "承办人", errors: &errors) {
            if !context.scope.canAssign(line, at: org) {
                errors.add("handlerID", "只有科室负责人（领导角色）可以指定承办人")
            } else {
                do {
                    _ = try await CaseAssignment.handler(handlerID, line: line, org: org, scope: context.scope, on: context.db)
                    values.handler = handlerID
                } catch let error as FieldError {
                    errors.errors.append(error)
                }
            }
        }
        try await check?(values, context, &errors)
        try errors.throwIfAny()
        return values
    }

    private func read(_ field: RegistrationField, from input: RegistrationInput, into values: inout RegistrationValues, org: UUID,
                      context: RegistrationContext, today: CivilDate, errors: inout ValidationErrors) async throws {
        let name = field.name
        let label = field.label
        switch field.kind {
        case .date(let notAfterToday, _):
            guard let text = input.text(name, label, errors: &errors) else {
                if field.required { errors.add(name, "\(label)不能为空") }
                return
            }
            guard let date = CivilDate(string: text) else {
                errors.add(name, "\(label)格式应为 YYYY-MM-DD，且须为存在的日期")
                return
            }
            if notAfterToday, date > today {
                errors.add(name, "\(label)不能晚于今天")
                return
            }
            values.dates[name] = date
        case .text(let maxLength, let rows):
            let text = input.text(name, label, errors: &errors)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if text.isEmpty {
                if field.required { errors.add(name, "\(label)不能为空") }
            } else if text.count > maxLength {
                errors.add(name, "\(label)不能超过\(maxLength)个字符")
            } else if let problem = PlainText.problem(text, field: name, label: label, multiline: (rows ?? 1) > 1) {
                errors.errors.append(problem)
            } else {
                values.texts[name] = text
            }
        case .choice(let options, let defaultCode):
            guard let code = input.text(name, label, errors: &errors) ?? defaultCode else {
                if field.required { errors.add(name, "请选择\(label)") }
                return
            }
            guard options.contains(where: { $0.code == code }) else {
                let listed = options.map { "\($0.code)（\($0.label)）" }
                let text = listed.count > 1 ? listed.dropLast().joined(separator: "、") + "或" + listed.last! : listed.joined()
                errors.add(name, "\(label)须为 \(text)")
                return
            }
            values.texts[name] = code
        case .integer(let range, let unit):
            guard let text = input.text(name, label, errors: &errors) else {
                if field.required { errors.add(name, "\(label)不能为空") }
                return
            }
            guard let number = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(number) else {
                errors.add(name, "\(label)须为\(range.lowerBound)至\(range.upperBound)\(unit)之间的整数")
                return
            }
            values.integers[name] = number
        case .flag(let defaultValue):
            values.flags[name] = input.flag(name, label, errors: &errors) ?? defaultValue
        case .lookup(let lookup):
            guard let text = input.text(name, label, errors: &errors) else {
                if field.required { errors.add(name, "请选择\(label)") }
                return
            }
            let options = try await lookup.load(context.db, org)
            guard let option = options.first(where: { $0.code == text || $0.label == text }) else {
                errors.add(name, "\(label)「\(text)」不在\(lookup.listName)中（可由系统管理员增补）")
                return
            }
            values.texts[name] = option.code
        case .agency:
            guard let id = input.uuid(name, label, errors: &errors) else {
                if field.required, !errors.errors.contains(where: { $0.field == name }) { errors.add(name, "请选择\(label)") }
                return
            }
            guard let agency = try await OrgDirectory.agency(id, servingOrg: org, on: context.db) else {
                errors.add(name, "\(label)须为本区行政机关")
                return
            }
            values.agencies[name] = RegistrationValues.Agency(id: agency.id!, name: agency.name)
        case .parties(_, let roleLabel, _):
            let parties = input.parties(name, label, errors: &errors) ?? []
            if parties.isEmpty, field.required { errors.add(name, "至少需要一名\(roleLabel)") }
            if parties.count > RegistrationField.partyLimit {
                errors.add(name, "\(roleLabel)不能超过\(RegistrationField.partyLimit)名")
                return
            }
            for (index, party) in parties.enumerated() { party.validate(at: "\(name)[\(index)]", errors: &errors, today: today) }
            values.parties[name] = parties
        }
    }
}

/// What a registration is read from before any rule: the API body, the form, a sheet's row, or the demo's code.
struct RegistrationInput: Sendable {
    enum Value: Sendable {
        case text(String)
        case flag(Bool)
        case parties([PartyInput])
        /// A value of the wrong type (a number where a date belongs).
        case invalid
    }

    var values: [String: Value]

    init(_ values: [String: Value] = [:]) { self.values = values }

    subscript(_ name: String) -> Value? {
        get { values[name] }
        set { values[name] = newValue }
    }

    fileprivate func text(_ name: String, _ label: String, errors: inout ValidationErrors) -> String? {
        switch values[name] {
        case nil: return nil
        case .text(let text): return text.isEmpty ? nil : text
        default:
            errors.add(name, "\(label)应为文本")
            return nil
        }
    }

    fileprivate func flag(_ name: String, _ label: String, errors: inout ValidationErrors) -> Bool? {
        switch values[name] {
        case nil: return nil
        case .flag(let flag): return flag
        default:
            errors.add(name, "\(label)应为 true 或 false")
            return nil
        }
    }

    fileprivate func uuid(_ name: String, _ label: String, errors: inout ValidationErrors) -> UUID? {
        guard let text = text(name, label, errors: &errors) else { return nil }
        guard let id = UUID(uuidString: text) else {
            errors.add(name, "\(label)的编号格式有误")
            return nil
        }
        return id
    }

    fileprivate func parties(_ name: String, _ label: String, errors: inout ValidationErrors) -> [PartyInput]? {
        switch values[name] {
        case nil: return nil
        case .parties(let parties): return parties
        default:
            errors.add(name, "\(label)应为当事人列表")
            return nil
        }
    }
}

/// A registration's checked values, by field name, for the line's rules and opening.
struct RegistrationValues: Sendable {
    struct Agency: Sendable {
        let id: UUID
        let name: String
    }

    /// The office the case is registered in.
    let org: UUID
    /// The handler the office's head named, if any.
    fileprivate(set) var handler: UUID?
    fileprivate var dates: [String: CivilDate] = [:]
    fileprivate var texts: [String: String] = [:]
    fileprivate var flags: [String: Bool] = [:]
    fileprivate var integers: [String: Int] = [:]
    fileprivate var agencies: [String: Agency] = [:]
    fileprivate var parties: [String: [PartyInput]] = [:]

    init(org: UUID) { self.org = org }

    /// A date field's value; nil when optional and left empty (a required one is always there once checked).
    func date(_ name: String) -> CivilDate? { dates[name] }
    /// A text or choice field's value, trimmed; empty when optional and left empty.
    func text(_ name: String) -> String { texts[name] ?? "" }
    func flag(_ name: String) -> Bool { flags[name] ?? false }
    /// An integer field's value; nil when optional and left empty.
    func integer(_ name: String) -> Int? { integers[name] }
    func agency(_ name: String) -> Agency? { agencies[name] }
    func parties(_ name: String) -> [PartyInput] { parties[name] ?? [] }
}

/// What a registration writes with: the transaction, the registering user and the bureau's calendar and keys.
struct RegistrationContext: Sendable {
    let db: Database
    let scope: Scope
    let actor: AuditActor
    let calendar: WorkingCalendar
    let protection: DataProtection
}

extension Request {
    /// The signed-in user's registration context.
    func registrationContext() async throws -> RegistrationContext {
        let current = try requireCurrent()
        return RegistrationContext(db: db, scope: current.scope, actor: current.actor, calendar: try await calendarStore.calendar(),
                                   protection: dataProtection)
    }
}
