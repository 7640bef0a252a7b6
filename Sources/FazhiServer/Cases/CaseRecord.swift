import Fluent
import FazhiCore
import FluentSQL
import Vapor

/// One case of any work line (DESIGN.md, "Case"): its number, org, handler and the summary of its events,
/// kept in indexed columns for queues and statistics. The events are the truth; `version` guards concurrent writes.
final class CaseRecord: Model, OrgOwned, @unchecked Sendable {
    static let schema = "cases"
    static let orgKey = \CaseRecord.$org.$id
    static let bureauKey: KeyPath<CaseRecord, OptionalFieldProperty<CaseRecord, UUID>>? = \CaseRecord.$bureauID
    /// Cases of every line share this table; scope filters by the line through `lineScoped`.
    static let line: WorkLine? = nil

    @ID(key: .id) var id: UUID?
    @Enum(key: "line") var line: WorkLine
    @Parent(key: "org_id") var org: Org
    /// The org's bureau, the tenancy key every queue index starts with (`IndexCasesByBureau`).
    @OptionalField(key: "bureau_id") var bureauID: UUID?
    @Field(key: "case_number") var caseNumber: String
    @Field(key: "year") var year: Int
    @Field(key: "seq") var seq: Int
    @Field(key: "title") var title: String
    /// The agency on the other side of the case (the respondent, the defendant: each line names it).
    @OptionalParent(key: "agency_id") var agency: Org?
    @OptionalParent(key: "handler_id") var handler: User?
    @Field(key: "state") var state: String
    @Field(key: "state_label") var stateLabel: String
    @Field(key: "is_open") var isOpen: Bool
    /// Dates as `YYYY-MM-DD` text: sortable and comparable on both databases.
    @Field(key: "received_on") var receivedOn: String
    @OptionalField(key: "accepted_on") var acceptedOn: String?
    @OptionalField(key: "concluded_on") var concludedOn: String?
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "outcome_label") var outcomeLabel: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func apply(_ summary: CaseSummary) {
        state = summary.state
        stateLabel = summary.stateLabel
        isOpen = summary.isOpen
        receivedOn = summary.receivedOn.description
        acceptedOn = summary.acceptedOn?.description
        concludedOn = summary.concludedOn?.description
        outcome = summary.outcome
        outcomeLabel = summary.outcomeLabel
    }

    static var staleVersion: Abort {
        Abort(.conflict, reason: "该案件已被他人修改（版本已变化），本次操作未保存。请刷新后重试。", identifier: "stale_version")
    }

    /// Bumps the stored version only if it is still `expected` (compare-and-set), inside the caller's transaction;
    /// every write to a case goes through it, so a stale write changes nothing and answers 409.
    func claimVersion(expected: Int, on db: Database) async throws {
        let sql = try db.sql
        let rows = try await sql.raw("""
            UPDATE cases SET version = \(bind: expected + 1) WHERE id = \(bind: id!) AND version = \(bind: expected) RETURNING version
            """).all()
        guard rows.count == 1 else { throw Self.staleVersion }
        version = expected + 1
    }

    var snapshot: [String: String] {
        [
            "caseNumber": caseNumber, "line": line.rawValue, "state": state, "version": String(version),
            "handler": $handler.id?.uuidString ?? "", "outcome": outcome ?? "",
        ]
    }
}

extension Scope {
    /// Cases of one line the user may read.
    func cases(_ line: WorkLine, on db: Database) -> QueryBuilder<CaseRecord> {
        CaseRecord.query(on: db).filter(\.$line == line).filter(\.$org.$id ~~ Array(readableOrgIDs(line)))
    }

    /// One case of `line`, or 404 when missing or outside the user's scope.
    func findCase(_ line: WorkLine, _ id: UUID?, on db: Database) async throws -> CaseRecord {
        guard let id, let record = try await cases(line, on: db).filter(\.$id == id).first() else { throw Abort(.notFound) }
        return record
    }

    /// Refuses a write to a case the user may read but not act on.
    func requireAct(on record: CaseRecord) throws {
        guard canAct(record.line, at: record.$org.id) else {
            throw Abort(.forbidden, reason: "您在该机构没有办理“\(record.line.label)”案件的权限")
        }
    }
}

extension CaseRecord: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] {
        [$id, $line, $org, $bureauID, $caseNumber, $year, $seq, $title, $agency, $handler, $state, $stateLabel, $isOpen, $receivedOn,
         $acceptedOn, $concludedOn, $outcome, $outcomeLabel, $version, $createdAt, $updatedAt]
    }
}
