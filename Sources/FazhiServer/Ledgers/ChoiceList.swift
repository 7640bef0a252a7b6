import Fluent
import FazhiCore
import Vapor

/// A list of choices kept as data (选项目录) that a ledger or register column offers (`SheetColumn.ColumnType.list`):
/// declared by the module of its line with the options it starts with, then edited by the admin — an option added,
/// renamed (the entries that carry it follow) or retired (no longer offered; the entries that carry it keep it).
struct ChoiceListDeclaration: Sendable {
    /// Stable code, `<line>.<list>` (or `<part>.<list>` for a part of the platform), used in URLs and the `list` column.
    let code: String
    /// The Chinese name, e.g. 普法活动类型.
    let name: String
    /// The line whose readers read the list; nil for a list of the platform's own, which every staff member reads.
    let line: WorkLine?
    /// The options every bureau starts with, in order.
    let seed: [String]

    func isReadable(by scope: Scope) -> Bool {
        line.map(scope.canRead) ?? true
    }
}

/// One option of a choice list.
final class ChoiceListItem: Model, @unchecked Sendable {
    static let schema = "choice_list_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "list") var list: String
    @Field(key: "label") var label: String
    @Field(key: "position") var position: Int
    /// False once retired: no longer offered, still shown on the entries that carry it.
    @Field(key: "active") var active: Bool

    init() {}

    init(list: String, label: String, position: Int, active: Bool = true) {
        self.id = UUID()
        self.list = list
        self.label = label
        self.position = position
        self.active = active
    }
}

/// 2026-12-05: choice lists kept as data, for the book columns whose options the admin edits.
struct CreateChoiceListItems: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(ChoiceListItem.schema)
            .id()
            .field("list", .string, .required)
            .field("label", .string, .required)
            .field("position", .int, .required)
            .field("active", .bool, .required)
            .unique(on: "list", "label")
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema(ChoiceListItem.schema).delete()
    }
}

/// Seeds a declared list with its starting options; the module of its line lists it among its migrations.
struct SeedChoiceList: AsyncMigration {
    let list: ChoiceListDeclaration

    init(_ list: ChoiceListDeclaration) { self.list = list }

    var name: String { "SeedChoiceList.\(list.code)" }

    func prepare(on db: Database) async throws {
        for (position, label) in list.seed.enumerated() {
            try await ChoiceListItem(list: list.code, label: label, position: position + 1).create(on: db)
        }
    }

    func revert(on db: Database) async throws {
        try await ChoiceListItem.query(on: db).filter(\.$list == list.code).delete()
    }
}

/// The choice lists as the columns read them.
enum ChoiceLists {
    /// The options of `list`, in order; retired ones too unless `activeOnly`.
    static func items(_ list: String, activeOnly: Bool = false, on db: Database) async throws -> [ChoiceListItem] {
        var query = ChoiceListItem.query(on: db).filter(\.$list == list)
        if activeOnly { query = query.filter(\.$active == true) }
        return try await query.sort(\.$position).sort(\.$label).all()
    }

    /// `kind` with each column whose choices come from a list (`.list`) offering that list's active options (`.choice`),
    /// as the form, the API, the template and the importer then check them; the kind itself when it has none.
    static func resolve(_ kind: any BookKind, on db: Database) async throws -> any BookKind {
        guard kind.columns.contains(where: { $0.listCode != nil }) else { return kind }
        var columns: [SheetColumn] = []
        for column in kind.columns {
            guard let code = column.listCode else {
                columns.append(column)
                continue
            }
            let labels = try await items(code, activeOnly: true, on: db).map(\.label)
            columns.append(SheetColumn(column.name, column.header, .choice(labels), required: column.required,
                                       example: labels.contains(column.example) ? column.example : labels.first ?? ""))
        }
        return kind.offering(columns)
    }
}

extension SheetColumn {
    /// The list the column's choices come from, if they come from one.
    var listCode: String? {
        if case .list(let code) = type { return code }
        return nil
    }
}
