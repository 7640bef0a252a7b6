import Fluent
import FazhiCore
import Vapor

/// 普法: legal publicity and education, counted for the report's subsection （五）.
enum PublicityModule: Module {
    static var lines: [WorkLine] { [.publicity] }

    static var reportSections: [AnnualReportSection] { [PublicityRules.reportSection] }

    static var reportFigures: [ReportFigures] { [PublicityRules.reportFigures] }

    static var bookKinds: [any BookKind] { PublicityBooks.kinds }
}
