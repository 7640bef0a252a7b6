import Fluent
import FazhiCore
import Vapor

/// The annual-report draft page as plain values: the report (figures, outline, latest narrative), whether the viewer
/// writes it, its saved versions, and which figures have records to link to. Built by `load`, drawn by `ReportPageView`.
struct ReportPageModel {
    struct Version: Sendable, Equatable {
        let number: Int
        let savedBy: String
        let savedAt: Date
    }

    let report: AnnualReport
    let canEdit: Bool
    /// Newest first.
    let versions: [Version]
    /// The metric keys whose figures link to the records behind them (`/report/records`).
    let keysWithRecords: Set<String>

    var year: Int { report.figures.year }

    static func load(_ req: Request) async throws -> ReportPageModel {
        let report = try await ReportPages.load(req)
        return try await load(db: req.db, modules: req.modules, report: report, canEdit: try await ReportPages.mayEdit(req, report))
    }

    static func load(db: Database, modules: ModuleRegistry, report: AnnualReport, canEdit: Bool) async throws -> ReportPageModel {
        let history = try await ReportDraftRecord.query(on: db).filter(\.$year == report.figures.year)
            .filter(\.$orgID == report.org.id!).sort(\.$version, .descending).all()
        let keys = report.draft.sections.flatMap(\.subsections).flatMap(\.sentences).flatMap(\.segments).compactMap { segment in
            if case .figure(let key, _) = segment, modules.computation(named: key)?.records != nil { return key }
            return nil
        }
        return ReportPageModel(report: report, canEdit: canEdit,
                               versions: history.map { Version(number: $0.version, savedBy: $0.savedBy, savedAt: $0.savedAt) },
                               keysWithRecords: Set(keys))
    }
}
