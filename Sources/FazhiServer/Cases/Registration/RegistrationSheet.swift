import FazhiCore
import Fluent
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

extension RegistrationSheet {
    /// The natural keys (`receivedOn`, `applicant`, and `key`) of the line's cases in `orgIDs` received on one of the
    /// rows' days: each applicant of each case with each value `values` gives the case under `key` (its summary, its
    /// type's code and label). For a line whose cases are the same when received the same day for the same applicant.
    static func storedKeys(for rows: [SheetValidator.Row], among orgIDs: [UUID], on db: Database, key: String,
                           values: ([UUID], Database) async throws -> [UUID: [String]]) async throws -> Set<String> {
        let days = Array(Set(rows.compactMap { $0.values["receivedOn"] }))
        var keys = Set<String>()
        guard !orgIDs.isEmpty else { return keys }
        for start in stride(from: 0, to: days.count, by: 5_000) {
            let slice = Array(days[start..<min(days.count, start + 5_000)])
            let cases = try await CaseRecord.query(on: db).filter(\.$line == line).filter(\.$org.$id ~~ orgIDs).filter(\.$receivedOn ~~ slice).all()
            guard !cases.isEmpty else { continue }
            let ids = cases.compactMap(\.id)
            let applicants = try await PartyRecord.query(on: db).filter(\.$caseRecord.$id ~~ ids).filter(\.$role == "applicant").all()
            let third = try await values(ids, db)
            for record in cases {
                for applicant in applicants where applicant.$caseRecord.id == record.id {
                    for value in third[record.id!] ?? [""] {
                        keys.insert(SheetValidator.key(["receivedOn": record.receivedOn, "applicant": applicant.name, key: value], naturalKey))
                    }
                }
            }
        }
        return keys
    }

    /// The natural keys (`dayField`, `title`) of the line's cases in `orgIDs` received on one of the rows' days, for a
    /// line whose case is the same when received the same day under the same title (a decision listed, a draft submitted).
    static func storedTitleKeys(for rows: [SheetValidator.Row], among orgIDs: [UUID], on db: Database,
                                dayField: String) async throws -> Set<String> {
        let days = Array(Set(rows.compactMap { $0.values[dayField] }))
        guard !days.isEmpty, !orgIDs.isEmpty else { return [] }
        var keys = Set<String>()
        for start in stride(from: 0, to: days.count, by: 5_000) {
            let slice = Array(days[start..<min(days.count, start + 5_000)])
            for record in try await CaseRecord.query(on: db).filter(\.$line == line).filter(\.$org.$id ~~ orgIDs).filter(\.$receivedOn ~~ slice).all() {
                keys.insert(SheetValidator.key([dayField: record.receivedOn, "title": record.title], naturalKey))
            }
        }
        return keys
    }

    /// The text `read` takes from each case's opening event (its summary), by case.
    static func openingTexts(_ ids: [UUID], on db: Database, kind: String, _ read: (Rules.Event) -> String?) async throws -> [UUID: [String]] {
        let decoder = JSONDecoder()
        var texts: [UUID: [String]] = [:]
        for event in try await CaseEventRecord.query(on: db).filter(\.$caseRecord.$id ~~ ids).filter(\.$kind == kind).all() {
            guard let text = (try? decoder.decode(Rules.Event.self, from: Data(event.payload.utf8))).flatMap(read) else { continue }
            texts[event.$caseRecord.id] = texts[event.$caseRecord.id] ?? [text]
        }
        return texts
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
