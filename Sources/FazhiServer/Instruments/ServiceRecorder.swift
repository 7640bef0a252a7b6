import Fluent
import FazhiCore
import Vapor

/// Records that an issued document was served (送达回证). The record is checked against the case (a recipient of its
/// own, days between the document's date and today); the event the line's rules draw from the service (the respondent
/// received the copy, `CaseLineRules.serviceEvent`) is recorded with it in one transaction, so a deadline that runs from
/// receipt starts on the day served, and a refused event refuses the record with it.
struct ServiceRecorder<Rules: CaseLineRules> {
    let db: Database
    let calendar: WorkingCalendar
    let actor: AuditActor

    /// Everyone the case's documents may be served on: its parties and agents, and the agency (role `agency`).
    static func recipients(of record: CaseRecord, on db: Database) async throws -> [ServiceRecipient] {
        var recipients = try await PartyRecord.query(on: db).filter(\.$caseRecord.$id == record.id!).all()
            .map { ServiceRecipient(role: $0.role, name: $0.name) }
        if let agency = try await record.$agency.get(on: db) { recipients.append(ServiceRecipient(role: "agency", name: agency.name)) }
        return recipients
    }

    func record(_ service: DocumentService, of instrument: InstrumentRecord, on record: CaseRecord, today: CivilDate) async throws
        -> ServiceRecord {
        let recipients = Set(try await Self.recipients(of: record, on: db))
        try ValidationErrors(service.problems(issuedOn: instrument.dated, today: today, recipients: recipients)).throwIfAny()
        return try await db.transaction { tx in
            let dossier = try await CaseWorkflow<Rules>.dossier(of: record, on: tx, calendar: calendar)
            let event = Rules.serviceEvent(of: instrument.kind, service, dossier: dossier)
            if let event {
                try await CaseWorkflow<Rules>(db: tx, calendar: calendar, actor: actor).record(event, on: record, expectedVersion: record.version)
            }
            let row = ServiceRecord()
            row.id = UUID()
            row.$instrument.id = instrument.id!
            row.caseID = record.id!
            row.recipientRole = service.recipientRole
            row.recipientName = service.recipientName
            row.method = service.method
            row.sentOn = service.sentOn?.description
            row.servedOn = service.servedOn.description
            row.trackingNumber = service.trackingNumber?.nonEmpty
            row.note = service.note?.nonEmpty
            row.eventKind = event?.kind
            row.recordedBy = actor.name
            row.recordedAt = Date()
            try await row.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "serve", entityType: "instrument", entityID: instrument.id!.uuidString,
                                      before: nil, after: ["case": record.caseNumber, "kind": instrument.kind, "method": service.method.rawValue,
                                                           "servedOn": service.servedOn.description, "recipient": service.recipientRole])
            return row
        }
    }
}

/// What a case's documents still wait for: kinds its state calls for that were never issued, and issued versions not
/// yet served on someone they are served on.
struct DocumentsDue {
    struct Unserved: Equatable {
        let title: String
        let recipient: ServiceRecipient
    }

    let unissued: [String]
    let unserved: [Unserved]

    init<Dossier>(templates: [InstrumentTemplate<Dossier>], dossier: Dossier, instruments: [InstrumentRecord],
                  services: [ServiceRecord], recipients: [ServiceRecipient]) {
        unissued = templates.filter { template in template.isAvailable(dossier) && !instruments.contains { $0.kind == template.kind } }
            .map(\.title)
        var unserved: [Unserved] = []
        for instrument in instruments where !instrument.superseded {
            guard let template = templates.first(where: { $0.kind == instrument.kind }) else { continue }
            let served = Set(services.filter { $0.$instrument.id == instrument.id }.map(\.recipient))
            for recipient in recipients where template.servedOn.contains(recipient.role) && !served.contains(recipient) {
                unserved.append(Unserved(title: instrument.title, recipient: recipient))
            }
        }
        self.unserved = unserved
    }
}
