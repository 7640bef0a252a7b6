import Fluent
import FazhiCore
import Vapor

/// 行政执法监督: the rule-of-law office's supervision of the district's enforcement agencies, with the year's trainings,
/// inspections and empowered-matter evaluation counted for the report's subsection （三）.
enum EnforcementSupervisionModule: Module {
    static var lines: [WorkLine] { [.enforcementSupervision] }

    static var reportSections: [AnnualReportSection] { [EnforcementSupervisionRules.reportSection] }

    static var reportFigures: [ReportFigures] { [EnforcementSupervisionRules.reportFigures] }

    static var bookKinds: [any BookKind] { EnforcementSupervisionBooks.kinds }
}
