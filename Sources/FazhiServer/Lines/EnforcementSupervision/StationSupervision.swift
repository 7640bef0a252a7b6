import Fluent
import FazhiCore
import Vapor

/// 司法所协助开展行政执法协调监督, per street: what each judicial station recorded of its supervision in its street
/// (`enforcement.stationSupervision`) — how many times, the enforcement files reviewed, the issues referred to the
/// district's office — by quarter, and the stations that recorded none this year. A station sees its own street, the
/// office every station in its scope.
enum StationSupervision {
    struct Station: Content {
        let stationID: UUID
        let station: String
        /// The station's street: its name without 司法所 (春华街道司法所 → 春华街道).
        let street: String
        let records: Int
        let filesReviewed: Int
        let issuesReferred: Int
        /// Records in each quarter of the year.
        let byQuarter: [Int]
        /// YYYY-MM-DD of the latest record, nil when none this year.
        let lastOn: String?
    }

    struct Model: Content {
        let year: Int
        /// Fewest records first, then by street.
        let stations: [Station]
        let records: Int
        let filesReviewed: Int
        let issuesReferred: Int
        /// Stations without a record this year.
        let silent: [String]
    }

    static func model(_ scope: Scope, year: Int, on db: Database) async throws -> Model {
        let readable = Array(scope.readableOrgIDs(.enforcementSupervision))
        guard !readable.isEmpty else { return Model(year: year, stations: [], records: 0, filesReviewed: 0, issuesReferred: 0, silent: []) }
        let stations = try await Org.query(on: db).filter(\.$id ~~ readable).filter(\.$kind == .judicialStation).filter(\.$active == true)
            .sort(\.$code).all()
        let entries = stations.isEmpty ? [] : try await LedgerEntry.query(on: db)
            .filter(\.$kind == EnforcementSupervisionBooks.stationSupervision.code).filter(\.$org.$id ~~ stations.map { $0.id! })
            .filter(\.$occurredOn >= "\(year)-01-01").filter(\.$occurredOn <= "\(year)-12-31").all()
        let byStation = Dictionary(grouping: entries, by: \.$org.id)
        let rows = stations.map { station -> Station in
            let own = byStation[station.id!] ?? []
            var quarters = [0, 0, 0, 0]
            for entry in own {
                if let month = CivilDate(string: entry.occurredOn)?.month { quarters[(month - 1) / 3] += 1 }
            }
            let referred = own.map { Int(LedgerFields.decode($0.fields)["referred"] ?? "") ?? 0 }.reduce(0, +)
            let street = station.name.hasSuffix("司法所") ? String(station.name.dropLast(3)) : station.name
            return Station(stationID: station.id!, station: station.name, street: street, records: own.count,
                           filesReviewed: own.map(\.quantity).reduce(0, +), issuesReferred: referred, byQuarter: quarters,
                           lastOn: own.map(\.occurredOn).max())
        }.sorted { ($0.records, $0.street) < ($1.records, $1.street) }
        return Model(year: year, stations: rows, records: entries.count, filesReviewed: rows.map(\.filesReviewed).reduce(0, +),
                     issuesReferred: rows.map(\.issuesReferred).reduce(0, +), silent: rows.filter { $0.records == 0 }.map(\.station))
    }

    static func routes(_ routes: RoutesBuilder) {
        routes.get("api", "v1", "enforcement", "stations") { req async throws -> Model in
            try await model(try EnforcementAPI.readable(req), year: try EnforcementAPI.year(req), on: req.db)
        }.openAPI("各司法所在本街道协助开展行政执法协调监督情况：次数、评查案卷、移交问题、按季度，及本年度尚无记录的司法所（year）；司法所只看到本所",
                  tag: "enforcement", responses: [200: "成功", 400: "参数有误", 403: "无权限"])
        routes.get("enforcement", "stations", use: page)
    }

    @Sendable static func page(_ req: Request) async throws -> Response {
        let year = try EnforcementAPI.year(req)
        let model = try await model(try EnforcementAPI.readable(req), year: year, on: req.db)
        let ledger = "/ledgers/\(EnforcementSupervisionBooks.stationSupervision.code)"
        return try await req.page("司法所行政执法协调监督（\(year)年）") {
            EnforcementPages.links()
            el("form", Attribute("method", "get"), .class("inline")) {
                textField("year", label: "年度", state: FormState(values: ["year": String(year)]), type: "number")
                submitButton("查看")
            }
            el("p", .class("lead")) {
                "\(year)年\(model.stations.count)个司法所在本街道开展协调监督\(model.records)次，评查案卷\(model.filesReviewed)卷，"
                    + "向区行政执法协调监督科移交问题\(model.issuesReferred)个；\(model.silent.count)个司法所尚无记录。"
            }
            el("p") { el("a", .href(ledger)) { "登记或导入协调监督记录" } }
            dataTable(caption: "各街道（记录次数由少到多）",
                      headers: ["街道", "司法所", "次数", "评查案卷", "移交问题", "一季度", "二季度", "三季度", "四季度", "最近一次", ""],
                      rows: model.stations.map { station in
                          [.text(station.street), el("a", .href("\(ledger)?orgID=\(station.stationID)&year=\(year)")) { station.station },
                           .text(String(station.records)), .text(String(station.filesReviewed)), .text(String(station.issuesReferred))]
                              + station.byQuarter.map { .text(String($0)) }
                              + [.text(station.lastOn ?? "—"), station.records == 0 ? badge("尚无记录", tone: "warn") : .text("")]
                      }, empty: "您的范围内没有司法所")
        }
    }
}
