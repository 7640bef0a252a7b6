import Fluent
import FazhiCore
import Vapor

/// The mediators of a dispute's committee: who may be named on it, and the name an event carries.
enum MediationMediators {
    /// The committee's mediators serving on `day`, by name.
    static func serving(_ committee: UUID, on day: CivilDate, db: Database) async throws -> [Mediator] {
        try await Mediator.query(on: db).filter(\.$committee.$id == committee).sort(\.$name).all().filter { $0.serves(on: day) }
    }

    /// An accept or change of mediator names one of the case's committee serving on the event's day; the event is
    /// completed with the register's name (a form sends only the id). Other events pass as they are.
    static func complete(_ event: MediationEvent, on record: CaseRecord, db: Database) async throws -> MediationEvent {
        switch event {
        case .accept(let date, let id, _):
            return .accept(date: date, mediatorID: id, mediatorName: try await name(of: id, committee: record.$org.id, on: date, db: db))
        case .assignMediator(let date, let id, _):
            return .assignMediator(date: date, mediatorID: id, mediatorName: try await name(of: id, committee: record.$org.id, on: date, db: db))
        default:
            return event
        }
    }

    private static func name(of id: UUID, committee: UUID, on day: CivilDate, db: Database) async throws -> String {
        guard let mediator = try await Mediator.find(id, on: db), mediator.$committee.id == committee else {
            throw FieldError(field: "mediatorID", message: "调解员须为本调委会名册中的人民调解员（《人民调解法》第十三条、第十九条）")
        }
        guard mediator.serves(on: day) else {
            throw FieldError(field: "mediatorID", message: "\(mediator.name)在\(day.chinese)不在任（任职期间\(mediator.activeFrom)至\(mediator.activeTo ?? "今")）")
        }
        return mediator.name
    }
}
