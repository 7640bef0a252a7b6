import FazhiCore
import Foundation

/// A case sheet whose columns come from a line's registration fields: each row becomes a `RegistrationInput` (an
/// agency by its exact name, a party by name and identity number) and goes through the same `register` as the form and
/// the API. The line's sheet adds only what identifies a case already registered (`naturalKey`, `storedKeys`).
protocol RegistrationSheet: CaseSheet {
    associatedtype Rules: CaseLineRules
    static var registration: CaseRegistration<Rules> { get }
}

extension RegistrationSheet {
    static var line: WorkLine { Rules.line }
    static var columns: [SheetColumn] { registration.sheetColumns }
    static func column(ofField field: String) -> String { registration.sheetColumn(ofField: field) }

    static func register(_ row: SheetValidator.Row, with context: CaseImportContext, today: CivilDate) async throws {
        _ = try await registration.register(try registration.input(fromRow: row, context: context, today: today),
                                            in: context.registration, today: today)
    }
}

extension CaseRegistration {
    /// The import sheet's columns, in the fields' order: a party's name column is required when the party is.
    var sheetColumns: [SheetColumn] {
        fields.flatMap { field in
            field.columns.enumerated().map { index, column in
                let type: SheetColumn.ColumnType = switch field.kind {
                case .date: .date
                case .integer: .int
                default: .text
                }
                return SheetColumn(column.name, column.header, type, required: field.required && index == 0, example: column.example)
            }
        }
    }

    /// The column a registration error's field came from: `applicants[0].idNumber` → the identity column.
    func sheetColumn(ofField path: String) -> String {
        for field in fields where !field.columns.isEmpty {
            if path == field.name { return field.columns[0].name }
            if field.partyRole != nil, path.hasPrefix(field.name + "[") {
                let isIdentity = path.hasSuffix(".idNumber") || path.hasSuffix(".creditCode")
                return isIdentity && field.columns.count > 1 ? field.columns[1].name : field.columns[0].name
            }
        }
        return ""
    }

    /// A checked row as registration input, in the importing office; a cell that names no agency of the district, or
    /// an identity cell of neither kind, is a `CellProblem` naming its column.
    func input(fromRow row: SheetValidator.Row, context: CaseImportContext, today: CivilDate) throws -> RegistrationInput {
        var input = RegistrationInput(["orgID": .text(context.org.uuidString)])
        for field in fields {
            guard let column = field.columns.first else { continue }
            let cell = row.values[column.name]
            switch field.kind {
            case .agency:
                input[field.name] = .text(try context.agency(cell, column: column.name).uuidString)
            case .parties(let role, _, _):
                // An optional party left blank (no other side) is no party; a required one goes on, its empty name the error.
                if !field.required, (cell ?? "").isEmpty { continue }
                let identity = field.columns.dropFirst().first
                input[field.name] = .parties([try context.party(role: role, name: cell, identity: identity.flatMap { row.values[$0.name] },
                                                                column: identity?.name ?? column.name, today: today)])
            case .flag:
                if let cell { input[field.name] = .flag(cell == "是") }
            default:
                if let cell { input[field.name] = .text(cell) }
            }
        }
        return input
    }
}

extension CaseImportContext {
    /// The context a row's registration writes with.
    var registration: RegistrationContext {
        RegistrationContext(db: db, scope: scope, actor: actor, calendar: calendar, protection: protection)
    }
}
