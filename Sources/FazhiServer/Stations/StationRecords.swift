import Fluent
import FazhiCore
import SQLKit
import Vapor

/// The table the standardisation checklist was first kept in, written only by `CreateStationTables`: the checklist now
/// lives in the choice lists (`StationChecklist`), moved there by `MoveStationChecklist`, which drops this table.
final class StationChecklistItem: Model, @unchecked Sendable {
    static let schema = "station_checklist_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "title") var title: String
    @Field(key: "position") var position: Int
    @Field(key: "active") var active: Bool

    init() {}
}

/// The service stations' standardisation checklist (公共法律服务实体平台标准化): a choice list the admin edits on
/// `/lists/stations.checklist` — an item added, renamed or retired — first holding the items the bureau's standard
/// names. A check names its item by the item's id (`checkKey`), so a renamed item keeps its history.
enum StationChecklist {
    static let list = ChoiceListDeclaration(code: "stations.checklist", name: "服务站点标准化检查项", line: nil, seed: [])

    /// The items in use, in order.
    static func items(on db: Database) async throws -> [ChoiceListItem] {
        try await ChoiceLists.items(list.code, activeOnly: true, on: db)
    }
}

extension ChoiceListItem {
    /// How a station's check names the checklist item it checks.
    var checkKey: String { id!.uuidString }
}

/// A check of one checklist item at one station: met or not, when, by whom, with a note. Never edited; the latest
/// check of an item is the station's standing on it.
final class StationCheck: Model, @unchecked Sendable {
    static let schema = "station_checks"

    @ID(key: .id) var id: UUID?
    @Field(key: "station_id") var stationID: UUID
    /// The item's `checkKey`.
    @Field(key: "item_code") var itemCode: String
    @Field(key: "met") var met: Bool
    @OptionalField(key: "note") var note: String?
    @Field(key: "checked_on") var checkedOn: String
    @Field(key: "checked_by") var checkedBy: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}

/// A resident's visit to a service station, recorded by its staff: the service asked for (general legal advice or a
/// line's matter), how long they waited to be served, and the link the resident rates the visit with.
final class StationVisit: Model, @unchecked Sendable {
    static let schema = "station_visits"

    @ID(key: .id) var id: UUID?
    @Field(key: "station_id") var stationID: UUID
    /// `consultation`, or a line's identifier.
    @Field(key: "service") var service: String
    @Field(key: "visited_on") var visitedOn: String
    /// Minutes from arriving to being served (the response time).
    @Field(key: "waited_minutes") var waitedMinutes: Int
    @OptionalField(key: "staff_id") var staffID: UUID?
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "recorded_at") var recordedAt: Date
    /// The SHA-256 of the token in the resident's rating link.
    @Field(key: "rating_token_hash") var ratingTokenHash: String

    init() {}
}

/// A resident's rating (1–5, with a comment) of a concluded matter or of a station visit: once per matter or visit.
/// It carries what the staff pages group by: the station, the line, the handler.
final class ServiceRating: Model, @unchecked Sendable {
    static let schema = "service_ratings"

    @ID(key: .id) var id: UUID?
    /// `matter` or `visit`.
    @Field(key: "subject") var subject: String
    @Field(key: "subject_id") var subjectID: UUID
    @OptionalField(key: "station_id") var stationID: UUID?
    @OptionalField(key: "line") var line: String?
    @OptionalField(key: "handler_id") var handlerID: UUID?
    @Field(key: "score") var score: Int
    @OptionalField(key: "comment") var comment: String?
    @Field(key: "rated_on") var ratedOn: String
    @Field(key: "rated_at") var ratedAt: Date

    init() {}
}

/// 2026-12-05: the service stations' checklist (seeded), checks, visits, and the residents' ratings.
struct CreateStationTables: AsyncMigration {
    /// The items of the standard (公共法律服务实体平台建设标准), as first seeded; an administrator may add or retire items.
    static let seededItems: [(String, String)] = [
        ("hours", "开放时间公示"), ("staffing", "人员配备到位（专职或值班律师、人民调解员）"), ("services", "服务事项清单公示"),
        ("facilities", "办公和接待设施（接待台、调解室、查询终端）"), ("accessibility", "无障碍设施（坡道、低位服务台）"),
        ("signage", "统一标识标牌"), ("ledger", "服务台账规范记录"),
    ]

    func prepare(on db: Database) async throws {
        try await db.schema(StationChecklistItem.schema)
            .id()
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("position", .int, .required)
            .field("active", .bool, .required)
            .unique(on: "code")
            .create()
        try await db.schema(StationCheck.schema)
            .id()
            .field("station_id", .uuid, .required, .references("orgs", "id"))
            .field("item_code", .string, .required)
            .field("met", .bool, .required)
            .field("note", .string)
            .field("checked_on", .string, .required)
            .field("checked_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        try await db.schema(StationVisit.schema)
            .id()
            .field("station_id", .uuid, .required, .references("orgs", "id"))
            .field("service", .string, .required)
            .field("visited_on", .string, .required)
            .field("waited_minutes", .int, .required)
            .field("staff_id", .uuid, .references("users", "id"))
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("rating_token_hash", .string, .required)
            .unique(on: "rating_token_hash")
            .create()
        try await db.schema(ServiceRating.schema)
            .id()
            .field("subject", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("station_id", .uuid)
            .field("line", .string)
            .field("handler_id", .uuid)
            .field("score", .int, .required)
            .field("comment", .string)
            .field("rated_on", .string, .required)
            .field("rated_at", .datetime, .required)
            .unique(on: "subject", "subject_id")
            .create()
        if let sql = db as? SQLDatabase {
            try await sql.create(index: "station_checks_station_idx").on(StationCheck.schema).column("station_id").column("item_code").run()
            try await sql.create(index: "station_visits_station_idx").on(StationVisit.schema).column("station_id").column("visited_on").run()
            try await sql.create(index: "service_ratings_station_idx").on(ServiceRating.schema).column("station_id").column("rated_on").run()
            try await sql.create(index: "service_ratings_rated_idx").on(ServiceRating.schema).column("rated_on").run()
        }
        for (position, (code, title)) in Self.seededItems.enumerated() {
            let item = StationChecklistItem()
            item.id = UUID()
            item.code = code
            item.title = title
            item.position = position
            item.active = true
            try await item.create(on: db)
        }
    }

    func revert(on db: Database) async throws {
        for schema in [ServiceRating.schema, StationVisit.schema, StationCheck.schema, StationChecklistItem.schema] {
            try await db.schema(schema).delete()
        }
    }
}

/// 2026-12-05: the checklist moves into the choice lists, where the admin edits it (`/lists/stations.checklist`): each
/// item becomes an option (title, position, in use or retired kept), each check names its item by the option's id, and
/// the first table is dropped.
struct MoveStationChecklist: AsyncMigration {
    func prepare(on db: Database) async throws {
        let sql = try db.sql
        for row in try await sql.raw("SELECT code, title, position, active FROM station_checklist_items ORDER BY position").all() {
            let item = ChoiceListItem(list: StationChecklist.list.code, label: try row.decode(column: "title", as: String.self),
                                      position: try row.decode(column: "position", as: Int.self) + 1,
                                      active: try row.decode(column: "active", as: Bool.self))
            try await item.create(on: db)
            try await sql.raw("""
                UPDATE station_checks SET item_code = \(bind: item.checkKey) WHERE item_code = \(bind: try row.decode(column: "code", as: String.self))
                """).run()
        }
        try await db.schema(StationChecklistItem.schema).delete()
    }

    func revert(on db: Database) async throws {
        try await db.schema(StationChecklistItem.schema)
            .id()
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("position", .int, .required)
            .field("active", .bool, .required)
            .unique(on: "code")
            .create()
        for item in try await ChoiceLists.items(StationChecklist.list.code, on: db) {
            let old = StationChecklistItem()
            old.id = item.id
            old.code = item.checkKey
            old.title = item.label
            old.position = item.position - 1
            old.active = item.active
            try await old.create(on: db)
            try await item.delete(on: db)
        }
    }
}
