import Fluent
import Vapor

/// One event of a case's append-only timeline: the line's event as JSON, its kind and date, who recorded it.
final class CaseEventRecord: Model, @unchecked Sendable {
    static let schema = "case_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "seq") var seq: Int
    @Field(key: "kind") var kind: String
    @Field(key: "occurred_on") var occurredOn: String
    @Field(key: "summary") var summary: String
    @Field(key: "payload") var payload: String
    @Field(key: "recorded_at") var recordedAt: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String

    init() {}
}

extension CaseEventRecord: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] { [$id, $caseRecord, $seq, $kind, $occurredOn, $summary, $payload, $recordedAt, $actorID, $actorName] }
}
