import Fluent
import Vapor

/// The last sequence number issued per bureau, line and year: case numbers are never reused.
final class CaseNumberCounter: Model, @unchecked Sendable {
    static let schema = "case_number_counters"

    @ID(key: .id) var id: UUID?
    @Field(key: "bureau_id") var bureauID: UUID
    @Field(key: "line") var line: String
    @Field(key: "year") var year: Int
    @Field(key: "last_seq") var lastSeq: Int

    init() {}
}
