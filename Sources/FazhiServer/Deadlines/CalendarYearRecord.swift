import Fluent
import Vapor

/// A year's holiday notice added or corrected by an admin. It takes precedence over the file shipped for that year.
final class CalendarYearRecord: Model, @unchecked Sendable {
    static let schema = "calendar_years"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "notice") var notice: String
    /// The notice as JSON, in the same format as `Calendar/Data/YYYY.json`.
    @Field(key: "data") var data: String
    @Field(key: "imported_by") var importedBy: String
    @Field(key: "imported_at") var importedAt: Date

    init() {}
}
