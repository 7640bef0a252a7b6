import Fluent
import FazhiCore
import Vapor

/// A kind of application residents make on the portal, declared by the line that takes it (`Module.portalApplications`):
/// the resident's part of the line's own registration fields, what it becomes, and how the line serves its documents.
/// Submitting goes through the line's `CaseRegistration` — the same rules and messages as the counter — with the
/// account as the applicant and the portal as the channel; no rule is written twice.
struct PortalApplication: Sendable {
    /// The URL segment and stored kind, one per application kind.
    let code: String
    let line: WorkLine
    /// e.g. 行政复议申请.
    let title: String
    /// One sentence on the portal's home page.
    let summary: String
    /// What to prepare and know before applying, each a sentence.
    let guidance: [String]
    /// The fields the resident fills in, in order (the line's registration fields).
    let fields: [RegistrationField]
    /// The keys of the form those fields post (a party's particulars are several: `respondentName`, `respondentPhone` …),
    /// kept in the draft.
    let formKeys: [String]
    /// The offices the resident chooses the one to apply to from (one of several committees), nil when the line's
    /// applications go to one office (`PortalIntake`).
    let offices: (@Sendable (Database) async throws -> [(id: UUID, name: String)])?
    /// Checks the form and opens the case; throws `ValidationErrors` naming the form's fields (or `profile.*` for the
    /// applicant's particulars, which come from the account).
    let submit: @Sendable (PortalSubmission) async throws -> CaseRecord
    /// The kinds of document the line serves on its applicant: these appear in the resident's matter.
    let servedKinds: Set<String>
    /// Records that the applicant was served `instrument` electronically (its service event with it, by the line's rules).
    let serve: @Sendable (DocumentService, InstrumentRecord, CaseRecord, PortalServiceContext) async throws -> Void
    /// The case's state in the applicant's words; nil leaves the state's label.
    let residentWords: @Sendable (String) -> String?
    /// What the line tells the resident from the draft as it stands (a self-check: whether they likely qualify and what to
    /// bring), each a sentence; nil when the line has nothing to say. It decides nothing.
    var advice: (@Sendable ([String: String], Database) async throws -> [String])? = nil
    /// The visit the resident books with the application (a half-day at the office), nil when the office calls them.
    var appointments: AppointmentPolicy? = nil
    /// The form a demo resident fills in (`PortalDemo`), the line's own fields only; nil leaves the line out of the demo.
    var demoForm: (@Sendable (inout DemoRandom, PortalDemoContext) async throws -> [String: String])? = nil

    /// The draft's keys beyond the line's fields: the office chosen and the half-day booked, where the application asks.
    var extraKeys: [String] {
        (offices == nil ? [] : ["orgID"]) + (appointments == nil ? [] : ["appointment"])
    }
}

/// What a submission writes with.
struct PortalSubmission: Sendable {
    let form: [String: String]
    let applicant: PartyInput
    /// The office that takes the line's applications (`PortalIntake`).
    let office: UUID
    let db: Database
    let actor: AuditActor
    let calendar: WorkingCalendar
    let protection: DataProtection
    let today: CivilDate
}

struct PortalServiceContext: Sendable {
    let db: Database
    let calendar: WorkingCalendar
    let actor: AuditActor
    let today: CivilDate
}

extension PortalApplication {
    /// The application of a line whose cases open through `registration`: the resident fills in `fieldNames` of its
    /// fields; `fixed` gives the values the portal sets itself (the day received, the channel); the account is the party
    /// in `applicantField`.
    static func of<Rules: CaseLineRules>(
        _ registration: CaseRegistration<Rules>, code: String, title: String, summary: String, guidance: [String],
        fieldNames: [String], applicantField: String, fixed: @escaping @Sendable (CivilDate) -> [String: RegistrationInput.Value],
        templates: [InstrumentTemplate<Rules.Dossier>], residentWords: @escaping @Sendable (String) -> String?,
        offices: (@Sendable (Database) async throws -> [(id: UUID, name: String)])? = nil,
        advice: (@Sendable ([String: String], Database) async throws -> [String])? = nil,
        appointments: AppointmentPolicy? = nil,
        demoForm: (@Sendable (inout DemoRandom, PortalDemoContext) async throws -> [String: String])? = nil
    ) -> PortalApplication {
        let fields = fieldNames.map { name in registration.fields.first { $0.name == name }! }
        let applicantRole = registration.fields.first { $0.name == applicantField }?.partyRole?.role ?? "applicant"
        let formKeys = fields.flatMap { field -> [String] in
            switch field.partyRole?.form {
            case .full?: ["Kind", "Name", "IdNumber", "CreditCode", "LegalRepresentative", "Phone", "Address"].map { field.partyRole!.role + $0 }
            case .nameAndPhone?: [field.partyRole!.role + "Name", field.partyRole!.role + "Phone"]
            case .hidden?: []
            case nil: [field.name]
            }
        }
        return PortalApplication(
            code: code, line: Rules.line, title: title, summary: summary, guidance: guidance, fields: fields, formKeys: formKeys,
            offices: offices,
            submit: { submission in
                // The form as the counter's form is read (a party's particulars into one party), only the resident's fields.
                var input = registration.input(fromForm: submission.form.filter { formKeys.contains($0.key) })
                input["orgID"] = .text(submission.office.uuidString)
                for (name, value) in fixed(submission.today) { input[name] = value }
                var applicant = submission.applicant
                applicant.role = applicantRole
                input[applicantField] = .parties([applicant])
                // The portal registers as the office that takes the line's applications would, within that office only.
                let scope = Scope(userID: UUID(), grants: [.init(role: .officer, line: Rules.line, orgID: submission.office,
                                                                 orgIDs: [submission.office])])
                let context = RegistrationContext(db: submission.db, scope: scope, actor: submission.actor, calendar: submission.calendar,
                                                  protection: submission.protection)
                do {
                    return try await registration.register(input, in: context, today: submission.today)
                } catch let errors as ValidationErrors {
                    // The applicant's particulars come from the account: an error there is the profile's. Others land
                    // under the form's field (`respondents[0].idNumber` → `respondentIdNumber`).
                    throw ValidationErrors(errors.errors.map { error in
                        guard error.field.hasPrefix(applicantField) else {
                            return FieldError(field: registration.formField(ofField: error.field), message: error.message, code: error.code)
                        }
                        return FieldError(field: "profile", message: "账户资料有误：\(error.message)（请在「我的资料」中修改）", code: error.code)
                    })
                } catch let error as DomainError {
                    // A rule of the line's opening (learned of the act after applying): under its field, the draft kept.
                    let field = error.invalidField.flatMap { name in formKeys.contains(name) ? name : nil } ?? "form"
                    throw ValidationErrors([FieldError(field: field, message: error.message, code: error.code)])
                }
            },
            servedKinds: Set(templates.filter { $0.servedOn.contains(applicantRole) }.map(\.kind)),
            serve: { service, instrument, record, context in
                _ = try await ServiceRecorder<Rules>(db: context.db, calendar: context.calendar, actor: context.actor)
                    .record(service, of: instrument, on: record, today: context.today)
            },
            residentWords: residentWords, advice: advice, appointments: appointments, demoForm: demoForm)
    }
}

/// The office that takes a line's applications from the portal: the one named by the setting `portal.intake.<line>`
/// (an org code), else the org where the line's officers hold their role (the first granted).
enum PortalIntake {
    static func office(for line: WorkLine, on db: Database) async throws -> UUID? {
        if let code = try await Setting.value("portal.intake.\(line.rawValue)", on: db),
           let org = try await Org.query(on: db).filter(\.$code == code).filter(\.$active == true).first() {
            return org.id
        }
        // In the order granted (as `Scope.homeOrg` takes the first), one read.
        return try await RoleGrant.query(on: db).join(Org.self, on: \RoleGrant.$org.$id == \Org.$id)
            .filter(\.$role == .officer).filter(Org.self, \.$active == true).all()
            .first { $0.line == line }?.$org.id
    }
}
