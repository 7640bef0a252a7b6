import Fluent
import FazhiCore
import SQLKit
import Vapor

/// The `legal_aid.*` figures of REPORT.md counted from the records: cases accepted on the day aid was granted, the yuan
/// recovered in cases closed in the year (from their closing events), and the outreach events from their ledger.
enum LegalAidMetrics {
    /// 法援惠民生: the centre's outreach events, one row each.
    static let outreach = LedgerKind("legalAid.outreach", "法援惠民生活动", line: .legalAid, columns: [
        SheetColumn("occurredOn", "活动日期", .date, required: true, example: "2025-05-01"),
        SheetColumn("title", "活动名称", required: true, example: "法援惠民生·助力农民工"),
        SheetColumn("place", "活动地点", example: "河东区人力资源市场"),
        SheetColumn("quantity", "受众人数", .int, example: "150"),
        SheetColumn("note", "备注", example: ""),
    ], naturalKey: ["occurredOn", "title"], measures: [("legal_aid.outreach_events", .entries)])

    static let all: [MetricComputation] = [
        MetricComputation(key: "legal_aid.accepted", rolledUp: true, records: { accepted($0) }) { query in
            .count(try await accepted(query).count())
        },
        MetricComputation(key: "legal_aid.recovered_yuan", rolledUp: true, records: { closed($0) }) { query in
            .money(Double(try await recovered(query).values.reduce(0, +)))
        },
    ]

    /// Cases granted aid in the range (the summary's accepted day is the grant's).
    static func accepted(_ query: ReportQuery) -> QueryBuilder<CaseRecord> {
        query.cases(.legalAid).filter(\.$acceptedOn >= query.from).filter(\.$acceptedOn <= query.through)
    }

    /// Cases closed in the range.
    static func closed(_ query: ReportQuery) -> QueryBuilder<CaseRecord> {
        query.cases(.legalAid).filter(\.$state == LegalAidState.closed.rawValue)
            .filter(\.$concludedOn >= query.from).filter(\.$concludedOn <= query.through)
    }

    /// The yuan each case closed in the range recovered, read from its closing event (one per case).
    static func recovered(_ query: ReportQuery) async throws -> [UUID: Int] {
        let events = try await query.events(.legalAid, kinds: ["close"])
        let decoder = JSONDecoder()
        var amounts: [UUID: Int] = [:]
        for event in events {
            guard case .close(_, _, let yuan, _)? = try? decoder.decode(LegalAidEvent.self, from: Data(event.payload.utf8)) else { continue }
            amounts[event.$caseRecord.id] = yuan
        }
        return amounts
    }
}
