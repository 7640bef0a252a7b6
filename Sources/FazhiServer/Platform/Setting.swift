import Fluent
import Vapor

/// A bureau setting (key → value), e.g. the case-number pattern of a line. Absent keys use the code's defaults.
final class Setting: Model, @unchecked Sendable {
    static let schema = "settings"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "value") var value: String

    init() {}

    init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// Stores `value` under `key` unless the key is already set (a bureau's own choice is kept).
    static func setDefault(_ key: String, to value: String, on db: Database) async throws {
        if try await Self.value(key, on: db) == nil { try await Setting(key: key, value: value).create(on: db) }
    }

    static func value(_ key: String, on db: Database) async throws -> String? {
        try await Setting.query(on: db).filter(\.$key == key).first()?.value
    }
}
