import Fluent
import FazhiCore
import SQLKit
import Vapor

/// ★ The report's first shortcoming counted instead of asserted: the year's disputes by type (and their growth) set
/// against the specialised committees (行业性专业性) that cover each type, the sectors with many or fast-growing
/// disputes that none covers (`CoverageGap`), and the streets where those disputes arise — each figure linked to the
/// disputes behind it.
enum MediationCoverage {
    struct TypeRow: Content {
        let code: String
        let label: String
        let sectoral: Bool
        let disputes: Int
        let lastYear: Int
        /// Year on year, as a fraction; nil when there were none last year.
        let growth: Double?
        /// The specialised committees covering the type.
        let committees: [String]
        /// Sectoral, uncovered, and high in volume or growing fast.
        let isGap: Bool
        let link: String
    }

    struct StreetRow: Content {
        let station: String
        let uncovered: Int
        let link: String
    }

    struct Coverage: Content {
        let year: Int
        let disputes: Int
        let types: [TypeRow]
        let gaps: [TypeRow]
        /// Where the gaps' disputes arise, most first.
        let streets: [StreetRow]
        /// The sentence for the report's shortcomings; nil when there is no gap.
        let finding: String?
    }

    static func routes(_ routes: RoutesBuilder) {
        routes.get("api", "v1", "mediation", "coverage", use: api)
            .openAPI("行业性专业性调解覆盖分析：各类纠纷数量、增长及覆盖的调委会，未覆盖的高发领域与街道（year）", tag: "mediation")
        routes.get("mediation", "coverage", use: page)
        routes.get("mediation", "coverage", "disputes", use: disputes)
    }

    static func year(_ req: Request) throws -> Int {
        guard let text = try? req.query.get(String.self, at: "year") else { return ChinaTime.today.year }
        guard let year = Int(text), (2000...2100).contains(year) else { throw FieldError(field: "year", message: "年份须为2000至2100之间的整数") }
        return year
    }

    @Sendable static func api(_ req: Request) async throws -> Coverage {
        let scope = try req.scope
        guard scope.canRead(.mediation) else { throw Abort(.forbidden, reason: "您没有查看人民调解的权限") }
        return try await coverage(ReportQuery(db: req.db, year: try year(req), orgIDs: Array(scope.readableOrgIDs(.mediation))))
    }

    /// The shortcoming the gap makes, for the annual report's draft.
    static func findings(_ query: ReportQuery) async throws -> [String] {
        try await coverage(query).finding.map { [$0] } ?? []
    }

    static func coverage(_ query: ReportQuery) async throws -> Coverage {
        let year = Int(query.from.prefix(4)) ?? ChinaTime.today.year
        let types = try await DisputeType.query(on: query.db).sort(\.$position).all()
        let orgs = try await Org.query(on: query.db).all()
        let orgByID = Dictionary(uniqueKeysWithValues: orgs.map { ($0.id!, $0) })
        let counts = try await disputeCounts(query)
        let earlier = try await disputeCounts(ReportQuery(db: query.db, year: year - 1, orgIDs: query.orgIDs))
        // The specialised committees that serve the disputes counted: those in the subtree, and the district's own (a
        // committee set up under the bureau covers every street).
        let inScope = Set(query.orgIDs ?? orgs.compactMap(\.id))
        let profiles = try await CommitteeProfile.query(on: query.db).all().filter { profile in
            guard profile.kind.isSpecialised, let org = orgByID[profile.$org.id], org.active, profile.foundedOn <= query.through else { return false }
            return inScope.contains(org.id!) || org.$parent.id.flatMap { orgByID[$0] }?.kind == .bureau
        }
        let total = counts.values.reduce(0, +)
        var rows: [TypeRow] = []
        for type in types {
            let now = counts.filter { $0.key.type == type.code }.values.reduce(0, +)
            let before = earlier.filter { $0.key.type == type.code }.values.reduce(0, +)
            let committees = profiles.filter { $0.coveredTypes.contains(type.code) }.compactMap { orgByID[$0.$org.id]?.name }.sorted()
            rows.append(TypeRow(code: type.code, label: type.label, sectoral: type.sectoral, disputes: now, lastYear: before,
                                growth: CoverageGap.growth(now: now, before: before), committees: committees,
                                isGap: CoverageGap.isGap(sectoral: type.sectoral, covered: !committees.isEmpty, disputes: now,
                                                         lastYear: before, total: total),
                                link: "/mediation/coverage/disputes?year=\(year)&type=\(type.code)"))
        }
        let gaps = rows.filter(\.isGap).sorted { $0.disputes > $1.disputes }
        let gapCodes = Set(gaps.map(\.code))
        var byStation: [String: (name: String, count: Int)] = [:]
        for (key, count) in counts where gapCodes.contains(key.type) {
            let station = self.station(of: key.org, in: orgByID)
            byStation[station.code, default: (station.name, 0)].count += count
        }
        let streets = byStation.map { code, entry in
            StreetRow(station: entry.name, uncovered: entry.count,
                      link: "/mediation/coverage/disputes?year=\(year)&type=\(gaps.map(\.code).joined(separator: ","))&station=\(code)")
        }.sorted { $0.uncovered != $1.uncovered ? $0.uncovered > $1.uncovered : $0.station < $1.station }
        return Coverage(year: year, disputes: total, types: rows, gaps: gaps, streets: streets, finding: finding(gaps, streets: streets))
    }

    /// 快递物流纠纷134件（同比增长85%）等新兴领域纠纷尚无行业性专业性人民调解组织覆盖，主要集中在春华街道、大王庄街道。
    static func finding(_ gaps: [TypeRow], streets: [StreetRow]) -> String? {
        guard !gaps.isEmpty else { return nil }
        let named = gaps.prefix(3).map { row in
            row.label + "\(row.disputes)件" + (row.growth.map { $0 > 0 ? "（同比增长\(Int(($0 * 100).rounded()))%）" : "" } ?? "")
        }
        let places = streets.prefix(3).map { $0.station.replacingOccurrences(of: "司法所", with: "") }
        return "行业性专业性人民调解尚未覆盖部分新兴领域：全年\(named.joined(separator: "、"))，尚无行业性专业性人民调解组织覆盖"
            + (places.isEmpty ? "" : "，主要集中在\(places.joined(separator: "、"))") + "。"
    }

    /// The station a committee sits under (its street), or the district for committees set up under the bureau.
    static func station(of orgID: UUID, in orgs: [UUID: Org]) -> (code: String, name: String) {
        var current = orgs[orgID]
        while let org = current {
            if org.kind == .judicialStation { return (org.code, org.name) }
            current = org.$parent.id.flatMap { orgs[$0] }
        }
        return ("district", "区级调委会")
    }

    /// Disputes received in the range by type and committee.
    static func disputeCounts(_ query: ReportQuery) async throws -> [Key: Int] {
        guard let sql = query.db as? SQLDatabase else { return [:] }
        var scope: SQLQueryString = ""
        if let orgIDs = query.orgIDs {
            guard !orgIDs.isEmpty else { return [:] }
            scope = " AND \(ident: "cases").\(ident: "org_id") IN (\(binds: orgIDs))"
        }
        let rows = try await sql.raw("""
            SELECT \(ident: "mediation_details").\(ident: "dispute_type") AS \(ident: "type"), \(ident: "cases").\(ident: "org_id") AS \(ident: "org"), \
            COUNT(*) AS \(ident: "n") FROM \(ident: "cases") JOIN \(ident: "mediation_details") \
            ON \(ident: "mediation_details").\(ident: "case_id") = \(ident: "cases").\(ident: "id") \
            WHERE \(ident: "cases").\(ident: "line") = \(bind: WorkLine.mediation.rawValue) \
            AND \(ident: "cases").\(ident: "received_on") >= \(bind: query.from) AND \(ident: "cases").\(ident: "received_on") <= \(bind: query.through)\(scope) \
            GROUP BY \(ident: "mediation_details").\(ident: "dispute_type"), \(ident: "cases").\(ident: "org_id")
            """).all()
        var counts: [Key: Int] = [:]
        for row in rows {
            counts[Key(type: try row.decode(column: "type", as: String.self), org: try row.decode(column: "org", as: UUID.self))] =
                try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    struct Key: Hashable {
        let type: String
        let org: UUID
    }

    static func percent(_ growth: Double?) -> String {
        guard let growth else { return "—" }
        return (growth >= 0 ? "+" : "") + "\(Int((growth * 100).rounded()))%"
    }

    @Sendable static func page(_ req: Request) async throws -> Response {
        let coverage = try await api(req)
        return try await req.page("\(coverage.year)年行业性专业性人民调解覆盖分析") {
            el("form", Attribute("method", "get"), .class("inline")) {
                textField("year", label: "年度", state: FormState(values: ["year": String(coverage.year)]), type: "number")
                submitButton("查看")
            }
            if let finding = coverage.finding {
                notice(finding, tone: "warn")
                el("p", .class("hint")) { "此句已写入年度报告草稿“存在的不足”部分（可修改）。" }
            } else {
                notice("本年度各行业性专业性领域的纠纷均有调解组织覆盖。", tone: "ok")
            }
            dataTable(caption: "未覆盖的高发或快速增长领域", headers: ["纠纷类型", "本年纠纷", "上年", "同比"], rows: coverage.gaps.map { row in
                [el("a", .href(row.link)) { row.label }, el("a", .href(row.link)) { String(row.disputes) }, .text(String(row.lastYear)), .text(percent(row.growth))]
            }, empty: "无")
            dataTable(caption: "未覆盖纠纷较多的街道", headers: ["街道（司法所）", "未覆盖领域纠纷"], rows: coverage.streets.map { row in
                [.text(row.station), el("a", .href(row.link)) { String(row.uncovered) }]
            }, empty: "无")
            dataTable(caption: "各类纠纷与覆盖的行业性专业性调委会（全年纠纷 \(coverage.disputes) 件）",
                      headers: ["纠纷类型", "领域", "本年纠纷", "上年", "同比", "覆盖的行业性专业性调委会"], rows: coverage.types.map { row in
                [.text(row.label), .text(row.sectoral ? "行业性专业性" : "基层常见"), el("a", .href(row.link)) { String(row.disputes) },
                 .text(String(row.lastYear)), .text(percent(row.growth)),
                 .text(row.committees.isEmpty ? (row.sectoral ? "无" : "由村（居）、街道调委会调解") : row.committees.joined(separator: "、"))]
            })
        }
    }

    /// The disputes behind a figure: the year's of the types (comma-separated codes), optionally of one station's
    /// committees, 50 to a page.
    @Sendable static func disputes(_ req: Request) async throws -> Response {
        let scope = try req.scope
        guard scope.canRead(.mediation) else { throw Abort(.forbidden, reason: "您没有查看人民调解的权限") }
        let year = try year(req)
        let known = try await DisputeType.all(on: req.db)
        let named = ((try? req.query.get(String.self, at: "type")) ?? "").split(separator: ",").map(String.init)
        let codes = named.isEmpty ? known.map(\.code) : named
        guard codes.count <= known.count, codes.allSatisfy({ code in known.contains { $0.code == code } }) else {
            throw FieldError(field: "type", message: "纠纷类型须为纠纷类型目录中的代码，多个以逗号分隔")
        }
        var orgIDs = Array(scope.readableOrgIDs(.mediation))
        var stationName: String?
        if let stationCode = try? req.query.get(String.self, at: "station") {
            let orgs = try await Org.query(on: req.db).all()
            let byID = Dictionary(uniqueKeysWithValues: orgs.map { ($0.id!, $0) })
            orgIDs = orgIDs.filter { station(of: $0, in: byID).code == stationCode }
            stationName = stationCode == "district" ? "区级调委会" : orgs.first { $0.code == stationCode }?.name
            guard stationName != nil else { throw FieldError(field: "station", message: "司法所代码不存在") }
        }
        let paging = try Paging.from(req, size: 50)
        let query = ReportQuery(db: req.db, year: year, orgIDs: orgIDs).cases(.mediation)
            .join(MediationDetail.self, on: \CaseRecord.$id == \MediationDetail.$caseRecord.$id)
            .filter(MediationDetail.self, \.$disputeType ~~ codes)
            .filter(\.$receivedOn >= "\(year)-01-01").filter(\.$receivedOn <= "\(year)-12-31")
        let total = try await query.copy().count()
        let cases = try await query.sort(\.$receivedOn, .descending).sort(\.$caseNumber).range(paging.range).with(\.$org).all()
        let labels = named.isEmpty ? "矛盾纠纷" : codes.compactMap { code in known.first { $0.code == code }?.label }.joined(separator: "、")
        return try await req.page("\(year)年\(labels)\(stationName.map { "（\($0)）" } ?? "")") {
            el("p", .class("lead")) { "共 \(total) 件，第 \(paging.page) 页。" }
            dataTable(headers: ["案号", "纠纷", "调委会", "收到日期", "状态"], rows: cases.map { record in
                [el("a", .href("/mediation/\(record.id!)")) { record.caseNumber }, .text(record.title), .text(record.org.name),
                 .text(record.receivedOn), .text(record.stateLabel)]
            })
            if paging.offset + cases.count < total {
                el("p") { el("a", .href("?year=\(year)&type=\(codes.joined(separator: ","))" + (stationName == nil ? "" : "&station=\((try? req.query.get(String.self, at: "station")) ?? "")") + "&page=\(paging.page + 1)")) { "下一页" } }
            }
        }
    }
}
