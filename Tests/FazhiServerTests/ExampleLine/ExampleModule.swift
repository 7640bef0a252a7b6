import Fluent
import FazhiCore
@testable import FazhiServer
import Foundation
import Vapor

// The example line's web side: what a line puts in `FazhiServer/Lines/<Line>/`. Registered by no dossier of `Sources/`;
// a test builds an app with `ExampleModule.registry`.

/// 示例事项: registration, queues, case pages and API, one document, one metric, import from a sheet, and a ledger of
/// its own.
enum ExampleModule: Module {
    /// The standard modules plus this one: what the example's tests run.
    static let registry = try! ModuleRegistry(Modules.all + [ExampleModule.self])

    static var lines: [WorkLine] { [.example] }
    static var caseLines: [CaseLineHandler] { [.of(ExampleRules.self, base: "/example")] }
    static var deadlineRules: [DeadlineRule] { [ExampleRules.acceptance] }
    static var metrics: [MetricComputation] { [received] }
    static var reportFigures: [ReportFigures] { [ExampleRules.reportFigures, outreachFigures] }
    static var caseSheets: [any CaseSheet.Type] { [ExampleSheet.self] }
    static var bookKinds: [any BookKind] { [outreach] }
    static var demoAccounts: [DemoAccount] { [("shili", "示例办事员", "120102", .officer, .example)] }

    static var navigation: [NavItem] {
        [NavItem(section: "业务办理", title: "示例事项", path: "/example", isVisible: { $0.canRead(.example) })]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        registration.routes(routes, api: api, base: "/example")
        CaseImportPages<ExampleSheet>.routes(routes)
        api.register(routes)
        pages.register(routes)
    }

    /// Matters received in the year: the rollup's figure, recounted from the cases.
    static let received = MetricComputation(key: "example.received", rolledUp: true, records: { receivedCases($0) }) { query in
        .count(try await receivedCases(query).count())
    }

    static func receivedCases(_ query: ReportQuery) -> QueryBuilder<CaseRecord> {
        query.cases(.example).filter(\.$receivedOn >= query.from).filter(\.$receivedOn <= query.through)
    }

    /// 示例宣传活动: a ledger kind of the line's own, declared here like every other capability; its pages, template,
    /// import and metric come from the shared ledger machinery.
    static let outreach = LedgerKind("example.outreach", "示例宣传活动", line: .example, columns: [
        SheetColumn("occurredOn", "活动日期", .date, required: true, example: "2024-04-01"),
        SheetColumn("title", "活动名称", required: true, example: "《示例办法》进社区"),
    ], naturalKey: ["occurredOn", "title"], measures: [("example.outreach_events", .entries)])

    /// The ledger's metric in the report's catalogue (no sentence carries it).
    static let outreachFigures = ReportFigures(
        section: AnnualReportSlot.legalServices,
        metrics: [Metric("example.outreach_events", "示例宣传活动场次", measureWord: "场", line: .example,
                         definition: "outreach events held in the year")],
        sentences: [])

    static let queues: [CaseQueue] = [.states("received", "待受理", ["received"]), .dueSoon, .overdue, .open, .concluded, .all]

    struct Detail: Content {
        let subject: String
    }

    static let receipt = InstrumentTemplate<ExampleDossier>(
        kind: "receipt", title: "示例事项受理通知书", isAvailable: { $0.acceptedOn != nil }, addressee: { _ in nil },
        body: { context in [.paragraph("你提出的“\(context.dossier.subject)”已于\(context.dossier.acceptedOn?.chinese ?? "")受理。")] })

    static let api = CaseAPI<ExampleRules, Detail>(path: "example", queues: queues, detail: { _, _, dossier in Detail(subject: dossier.subject) },
                                                   instruments: [receipt])

    static let pages = CasePages<ExampleRules, Detail>(
        api: api, base: "/example", title: "示例事项", agencyHeader: "行政机关", queueLinks: [],
        facts: { _, _, detail in [("事项", detail.subject)] },
        forms: [.init(kind: "accept", title: "受理", fields: []), .init(kind: "conclude", title: "办结", fields: [])])

    /// The registration's fields: the form at `/example/new`, the API body and the sheet's columns.
    static let registration = CaseRegistration<ExampleRules>(
        title: "登记示例事项", summary: "登记示例事项：收件日期、事项",
        fields: [
            .init("receivedOn", "收件日期", .date(notAfterToday: true, defaultsToToday: true), required: true,
                  column: ("receivedOn", "收件日期", "2024-03-01")),
            .init("subject", "事项", .text(maxLength: 200), required: true, column: ("subject", "事项", "查询示例")),
        ],
        open: { values, _ in
            let subject = values.text("subject")
            return .init(event: ExampleEvent(kind: "receive", date: values.date("receivedOn")!, subject: subject), title: subject)
        })
}

/// 示例事项 from a spreadsheet, its columns the registration's; a subject already registered is skipped.
enum ExampleSheet: RegistrationSheet {
    static let code = "example"
    static let name = "示例事项"
    static let pagesPath = "/example"
    static var registration: CaseRegistration<ExampleRules> { ExampleModule.registration }
    static let naturalKey = ["subject"]

    static func storedKeys(for rows: [SheetValidator.Row], among orgIDs: [UUID], on db: Database) async throws -> Set<String> {
        Set(try await CaseRecord.query(on: db).filter(\.$line == .example).filter(\.$org.$id ~~ orgIDs).all(\.$title)
            .map { SheetValidator.key(["subject": $0], naturalKey) })
    }
}
