import Fluent
import Vapor

/// A bureau setting (key → value), e.g. the case-number pattern of a line. Absent keys use the code's defaults.
final class Setting: Model, @unchecked Sendable {
    static let schema = "settings"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "value") var value: String

    init() {}

    static func value(_ key: String, on db: Database) async throws -> String? {
        try await Setting.query(on: db).filter(\.$key == key).first()?.value
    }
}
