import Fluent
import FazhiCore
import FluentSQL
import Vapor

/// The notaries of a matter's office and the certificate numbers it issues.
enum NotaryIssuing {
    /// The office's active staff, by name: who may be named the notary in charge (承办公证员).
    static func notaries(of office: UUID, db: Database) async throws -> [User] {
        try await User.query(on: db).filter(\.$org.$id == office).filter(\.$active == true).sort(\.$displayName).all()
    }

    /// Before the rules decide (`CaseAPI.prepare`): an acceptance names a member of the matter's office, completed
    /// with their name (a form sends only the id). Other events pass as they are.
    static func prepare(_ event: NotaryEvent, on record: CaseRecord, db: Database) async throws -> NotaryEvent {
        guard case .accept(let date, let id, _) = event else { return event }
        guard let user = try await User.find(id, on: db), user.$org.id == record.$org.id, user.active else {
            throw FieldError(field: "notaryID", message: "承办公证员须为本公证处在职人员")
        }
        return .accept(date: date, notaryID: id, notaryName: user.displayName)
    }

    /// In the issue's transaction (`CaseAPI.complete`): the rules are asked first, then the office's next number for the
    /// issue's year is taken from its counter and the certificate row written (unique office, year, serial), so two
    /// issues at once never share a number, and a refused issue allocates none.
    static func complete(_ db: Database, _ record: CaseRecord, _ dossier: NotaryDossier, _ event: NotaryEvent) async throws -> NotaryEvent {
        guard case .issue(let date, _, let fee) = event else { return event }
        _ = try NotaryRules.apply(.issue(date: date, certificateNumber: "—", fee: fee), to: dossier, calendar: WorkingCalendar())
        let (serial, number) = try await reserve(1, office: record.$org.id, year: date.year, on: db)[0]
        try await NotaryCertificate(office: record.$org.id, year: date.year, serial: serial, number: number, caseID: record.id!, issuedOn: date,
                                    notaryID: dossier.notaryID, notaryName: dossier.notaryName ?? "").create(on: db)
        return .issue(date: date, certificateNumber: number, fee: fee)
    }

    static func settingKey(officeCode: String) -> String { "notary.certificateNumber.\(officeCode)" }

    /// The office's next `count` certificate numbers of `year`, in order: from the counter table case numbers use (one
    /// row per office, the line's key and year; on PostgreSQL under the same advisory lock; SQLite writes one at a time),
    /// formatted by the office's pattern or `NotaryRules.certificateNumberPattern`. Call inside the transaction that
    /// records the certificates.
    static func reserve(_ count: Int, office: UUID, year: Int, on db: Database) async throws -> [(Int, String)] {
        if let sql = db as? SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(7270020)").run()
        }
        let key = "notary.certificate"
        let counter = try await CaseNumberCounter.query(on: db)
            .filter(\.$bureauID == office).filter(\.$line == key).filter(\.$year == year).first()
            ?? {
                let fresh = CaseNumberCounter()
                fresh.bureauID = office
                fresh.line = key
                fresh.year = year
                fresh.lastSeq = 0
                return fresh
            }()
        let first = counter.lastSeq + 1
        counter.lastSeq += count
        try await counter.save(on: db)
        let code = try await Org.find(office, on: db)?.code ?? ""
        let pattern = try await Setting.value(settingKey(officeCode: code), on: db) ?? NotaryRules.certificateNumberPattern
        return (first ..< first + count).map { ($0, NotaryRules.certificateNumber(pattern, year: year, seq: $0)) }
    }
}
