import Fluent
import FazhiCore
import Vapor

/// A part of a document the officer writes (经审理查明, 本机关认为 …), declared by the document's template; the rest
/// of the document is filled from the case.
struct InstrumentSection: Sendable {
    /// The key the draft stores it under, e.g. `facts`.
    let key: String
    /// The heading it is written under, e.g. 经审理查明.
    let title: String
    /// Whether the document may be generated without it.
    var required = true
    /// What the officer is asked to write.
    var hint: String? = nil

    /// The longest text one section takes.
    static let maxLength = 20_000
}

/// One saved version of the sections an officer wrote for one kind of document of a case. Every save is a new version;
/// the document is generated from the latest, and the older ones stay.
final class InstrumentDraft: Model, @unchecked Sendable {
    static let schema = "instrument_drafts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "kind") var kind: String
    @Field(key: "version") var version: Int
    /// The sections by key, as JSON.
    @Field(key: "sections") var sectionsJSON: String
    @Field(key: "saved_by") var savedBy: String
    @Field(key: "saved_at") var savedAt: Date

    init() {}

    var sections: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(sectionsJSON.utf8))) ?? [:]
    }

    /// The latest version of the case's draft of `kind`, if any was saved.
    static func latest(caseID: UUID, kind: String, on db: Database) async throws -> InstrumentDraft? {
        try await query(on: db).filter(\.$caseRecord.$id == caseID).filter(\.$kind == kind).sort(\.$version, .descending).first()
    }

    /// Saves `sections` (each checked against `declared`) as the draft's next version, with an audit row.
    static func save(_ sections: [String: String], declared: [InstrumentSection], kind: String, for record: CaseRecord,
                     actor: AuditActor, on db: Database) async throws -> InstrumentDraft {
        var errors = ValidationErrors()
        for key in sections.keys where !declared.contains(where: { $0.key == key }) {
            errors.add("sections.\(key)", "本文书没有「\(key)」这一部分（可填写：\(declared.map { "\($0.key)（\($0.title)）" }.joined(separator: "、"))）")
        }
        for section in declared where (sections[section.key] ?? "").count > InstrumentSection.maxLength {
            errors.add("sections.\(section.key)", "「\(section.title)」不能超过\(InstrumentSection.maxLength)个字符")
        }
        try errors.throwIfAny()
        let kept = sections.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.value.isEmpty }
        return try await db.transaction { tx in
            let draft = InstrumentDraft()
            draft.id = UUID()
            draft.$caseRecord.id = record.id!
            draft.kind = kind
            draft.version = (try await latest(caseID: record.id!, kind: kind, on: tx)?.version ?? 0) + 1
            draft.sectionsJSON = String(decoding: try JSONEncoder().encode(kept), as: UTF8.self)
            draft.savedBy = actor.name
            draft.savedAt = Date()
            try await draft.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "draft", entityType: "instrument",
                                      entityID: draft.id!.uuidString, before: nil,
                                      after: ["case": record.caseNumber, "kind": kind, "version": String(draft.version)])
            return draft
        }
    }
}

/// A draft as the API shows it: its version, its sections, and the required ones still empty.
struct InstrumentDraftBody: Content {
    let kind: String
    let version: Int
    let sections: [String: String]
    let missing: [String]
    let savedBy: String?
    let savedAt: Date?

    init(kind: String, draft: InstrumentDraft?, declared: [InstrumentSection]) {
        self.kind = kind
        version = draft?.version ?? 0
        sections = draft?.sections ?? [:]
        missing = declared.filter { $0.required && (draft?.sections[$0.key] ?? "").isEmpty }.map(\.key)
        savedBy = draft?.savedBy
        savedAt = draft?.savedAt
    }
}

/// 2026-12-04: the sections officers write for a case's documents, by version.
struct CreateInstrumentDrafts: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("instrument_drafts")
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("version", .int, .required)
            .field("sections", .string, .required)
            .field("saved_by", .string, .required)
            .field("saved_at", .datetime, .required)
            .unique(on: "case_id", "kind", "version")
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("instrument_drafts").delete()
    }
}
