import Fluent
import FazhiCore
import Vapor

/// One saved version of a year's report draft: the narrative the staff wrote, per slot of the outline.
/// Saving never overwrites: each save is a new version, so the draft keeps its history. The figures are not
/// stored: they are counted afresh from the records whenever the draft is shown or exported.
final class ReportDraftRecord: Model, @unchecked Sendable {
    static let schema = "report_drafts"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    /// The org whose subtree the report covers (the bureau).
    @Field(key: "org_id") var orgID: UUID
    /// `{slotID: text}` as JSON.
    @Field(key: "narratives") var narratives: String
    @Field(key: "version") var version: Int
    @Field(key: "saved_by") var savedBy: String
    @Field(key: "saved_at") var savedAt: Date

    init() {}

    var narrativeTexts: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(narratives.utf8))) ?? [:]
    }

    /// The latest version for a year and org, if any.
    static func latest(year: Int, org: UUID, on db: Database) async throws -> ReportDraftRecord? {
        try await query(on: db).filter(\.$year == year).filter(\.$orgID == org).sort(\.$version, .descending).first()
    }

    /// Saves `narratives` as the next version, with an audit row.
    static func save(year: Int, org: UUID, narratives: [String: String], actor: AuditActor, on db: Database) async throws -> ReportDraftRecord {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let record = ReportDraftRecord()
        record.id = UUID()
        record.year = year
        record.orgID = org
        record.narratives = String(decoding: try encoder.encode(narratives.filter { !$0.value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }),
                                   as: UTF8.self)
        record.savedBy = actor.name
        record.savedAt = Date()
        try await db.transaction { tx in
            record.version = (try await latest(year: year, org: org, on: tx)?.version ?? 0) + 1
            try await record.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "save", entityType: "reportDraft", entityID: record.id!.uuidString,
                                      before: nil, after: ["year": String(year), "version": String(record.version)])
        }
        return record
    }
}
