import Fluent
import FazhiCore
import SQLKit
import Vapor

/// 矛盾纠纷排查: a ledger per committee and day, nil reports (零上报, 发现纠纷数 0) included, and the month's committees
/// that filed none — for their station and for the bureau.
enum MediationScreenings {
    static let kind = LedgerKind("mediation.screening", "矛盾纠纷排查", line: .mediation, columns: [
        SheetColumn("occurredOn", "排查日期", .date, required: true, example: "2024-03-15"),
        SheetColumn("title", "排查范围", required: true, example: "春华街道嘉华里社区"),
        SheetColumn("quantity", "发现纠纷数（零上报填0或留空）", .int, example: "2"),
        SheetColumn("note", "备注", example: ""),
    ], naturalKey: ["occurredOn", "title"], measures: [("mediation.screenings", .entries)])

    /// One committee's month: its screenings and the disputes they found.
    struct CommitteeMonth: Content {
        let committeeID: UUID
        let committee: String
        let station: String
        let screenings: Int
        let found: Int
    }

    struct Month: Content {
        let month: String
        let committees: Int
        let filed: Int
        /// Committees that filed no screening (not even a nil report) in the month.
        let missing: [CommitteeMonth]
        let rows: [CommitteeMonth]
    }

    static func routes(_ routes: RoutesBuilder) {
        routes.get("api", "v1", "mediation", "screenings", use: month)
            .openAPI("各调委会某月排查上报情况及未上报的调委会（month=YYYY-MM，默认本月）", tag: "mediation")
        routes.get("mediation", "screenings", use: page)
    }

    @Sendable static func month(_ req: Request) async throws -> Month {
        let scope = try req.scope
        guard scope.canRead(.mediation) else { throw Abort(.forbidden, reason: "您没有查看人民调解的权限") }
        let today = ChinaTime.today
        let text = (try? req.query.get(String.self, at: "month")) ?? String(today.description.prefix(7))
        guard text.count == 7, let first = CivilDate(string: text + "-01"), first.year >= 2000, first <= today else {
            throw FieldError(field: "month", message: "月份须为 YYYY-MM 格式，且不能晚于本月")
        }
        let orgIDs = Array(scope.readableOrgIDs(.mediation))
        let committees = try await Org.query(on: req.db).filter(\.$kind == .mediationCommittee).filter(\.$active == true)
            .filter(\.$id ~~ orgIDs).sort(\.$code).all()
        let parents = try await Org.query(on: req.db).filter(\.$id ~~ committees.compactMap { $0.$parent.id }).all()
        let parentName = Dictionary(uniqueKeysWithValues: parents.map { ($0.id!, $0.name) })
        let rows = committees.isEmpty ? [] : try await req.db.sql.raw("""
            SELECT \(ident: "org_id"), COUNT(*) AS \(ident: "n"), CAST(COALESCE(SUM(\(ident: "quantity")), 0) AS BIGINT) AS \(ident: "found") \
            FROM \(ident: LedgerEntry.schema) WHERE \(ident: "kind") = \(bind: kind.code) \
            AND \(ident: "occurred_on") >= \(bind: text + "-01") AND \(ident: "occurred_on") <= \(bind: text + "-31") \
            AND \(ident: "org_id") IN (\(binds: committees.map { $0.id! })) GROUP BY \(ident: "org_id")
            """).all()
        var counts: [UUID: (Int, Int)] = [:]
        for row in rows {
            counts[try row.decode(column: "org_id", as: UUID.self)] = (try row.decode(column: "n", as: Int.self), try row.decode(column: "found", as: Int.self))
        }
        let months = committees.map { org in
            CommitteeMonth(committeeID: org.id!, committee: org.name, station: org.$parent.id.flatMap { parentName[$0] } ?? "",
                           screenings: counts[org.id!]?.0 ?? 0, found: counts[org.id!]?.1 ?? 0)
        }
        let missing = months.filter { $0.screenings == 0 }
        return Month(month: text, committees: months.count, filed: months.count - missing.count, missing: missing, rows: months)
    }

    @Sendable static func page(_ req: Request) async throws -> Response {
        let month = try await month(req)
        return try await req.page("\(month.month) 矛盾纠纷排查上报情况") {
            el("form", Attribute("method", "get"), .class("inline")) {
                textField("month", label: "月份", state: FormState(values: ["month": month.month]), type: "month")
                submitButton("查看")
            }
            el("p", .class("lead")) {
                "本月应上报调委会 \(month.committees) 个，已上报 \(month.filed) 个（含零上报），未上报 \(month.missing.count) 个。"
            }
            el("p") { el("a", .href("/ledgers/\(kind.code)")) { "查看排查台账" } }
            dataTable(caption: "未上报的调委会", headers: ["调委会", "所属司法所"], rows: month.missing.map { row in
                [.text(row.committee), .text(row.station)]
            }, empty: "本月各调委会均已上报")
            dataTable(caption: "各调委会上报情况", headers: ["调委会", "所属司法所", "排查次数", "发现纠纷"], rows: month.rows.map { row in
                [.text(row.committee), .text(row.station), .text(String(row.screenings)), .text(String(row.found))]
            })
        }
    }
}
