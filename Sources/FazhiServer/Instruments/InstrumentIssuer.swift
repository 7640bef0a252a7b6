import Fluent
import FazhiCore
import FazhiOffice
import Vapor

/// Issues a formal document for a case from its data: renders the .docx (GB/T 9704) and the printable HTML,
/// archives both as a new version (the previous version of that kind is marked superseded), with an audit row.
struct InstrumentIssuer<Rules: CaseLineRules> {
    let db: Database
    let protection: DataProtection
    let actor: AuditActor
    /// The organ the line declares for its documents (`Module.instrumentOrgans`; the bureau when it declares none).
    let declaredOrgan: InstrumentOrgan

    func issue(_ template: InstrumentTemplate<Rules.Dossier>, for record: CaseRecord, dossier: Rules.Dossier,
               fields: [String: String], today: CivilDate) async throws -> InstrumentRecord {
        guard template.isAvailable(dossier) else {
            throw FieldError(field: "kind", message: "本案当前状态不能制作《\(template.title)》", code: "instrument_not_available")
        }
        let sections = try await InstrumentDraft.latest(caseID: record.id!, kind: template.kind, on: db)?.sections ?? [:]
        if let missing = template.missing(in: sections).first {
            throw FieldError(field: "sections.\(missing.key)", message: "请先撰写《\(template.title)》的「\(missing.title)」部分，再生成文书",
                             code: "section_missing")
        }
        let document = template.document(try await context(for: record, dossier: dossier, fields: fields, sections: sections, today: today))
        let instrument = InstrumentRecord()
        instrument.id = UUID()
        instrument.$caseRecord.id = record.id!
        instrument.orgID = record.$org.id
        instrument.line = record.line
        instrument.kind = template.kind
        instrument.title = template.title
        instrument.number = record.caseNumber
        instrument.superseded = false
        instrument.issuedAt = Date()
        instrument.issuedBy = actor.name
        instrument.datedOn = today.description
        instrument.docx = try DocxWriter(createdAt: instrument.issuedAt).docx(document)
        instrument.html = PrintableHTML().html(document)
        try await db.transaction { tx in
            let earlier = try await InstrumentRecord.query(on: tx).filter(\.$caseRecord.$id == record.id!)
                .filter(\.$kind == template.kind).all()
            instrument.version = (earlier.map(\.version).max() ?? 0) + 1
            for old in earlier where !old.superseded {
                old.superseded = true
                try await old.update(on: tx)
            }
            try await instrument.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "issue", entityType: "instrument",
                                      entityID: instrument.id!.uuidString, before: nil,
                                      after: ["case": record.caseNumber, "kind": template.kind, "version": String(instrument.version)])
        }
        return instrument
    }

    /// What a template reads for `record`: the parties in full, the agency, the organ, the line's fields and the
    /// sections written (the issued document and the draft page's preview alike).
    func context(for record: CaseRecord, dossier: Rules.Dossier, fields: [String: String], sections: [String: String],
                 today: CivilDate) async throws -> InstrumentContext<Rules.Dossier> {
        let parties = try await PartyRecord.query(on: db).filter(\.$caseRecord.$id == record.id!).all().map {
            InstrumentParty(role: $0.role, kind: $0.kind, name: $0.name, idNumber: try $0.idNumberEncrypted.map(protection.decrypt),
                            creditCode: $0.creditCode, address: try $0.addressEncrypted.map(protection.decrypt),
                            legalRepresentative: $0.legalRepresentative)
        }
        let agency = try await record.$agency.get(on: db)
        return InstrumentContext(caseNumber: record.caseNumber, dossier: dossier, agencyName: agency?.name ?? "", parties: parties,
                                 organ: try await organ(for: record), today: today, fields: fields, sections: sections)
    }

    /// The organ in whose name the line's documents are issued: the setting `instruments.organ.<line>`, or the organ
    /// the line declares, named after the bureau.
    func organ(for record: CaseRecord) async throws -> String {
        if let configured = try await Setting.value("instruments.organ.\(record.line.rawValue)", on: db) { return configured }
        let org = try await record.$org.get(on: db)
        let rootID = org.path.split(separator: "/").first.flatMap { UUID(uuidString: String($0)) }
        let bureau = try await rootID.asyncMap { try await Org.find($0, on: db) } ?? org
        return declaredOrgan.name(bureau: bureau.name, handlingOrg: org.name)
    }
}

/// Who issues a line's documents by default.
enum InstrumentOrgan {
    /// The justice bureau itself.
    case bureau
    /// The district government, named after the bureau (河东区司法局 → 河东区人民政府).
    case districtGovernment
    /// The org the case is handled in: a people's committee (调委会) issues its own agreements under its seal.
    case handlingOrg

    func name(bureau: String, handlingOrg: String) -> String {
        switch self {
        case .bureau: bureau
        case .districtGovernment: bureau.hasSuffix("司法局") ? String(bureau.dropLast(3)) + "人民政府" : bureau
        case .handlingOrg: handlingOrg
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
