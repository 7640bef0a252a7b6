import Fluent
import FazhiCore
import SQLKit
import Vapor

/// The staff pages of the stations' evaluation.
enum StationPages {
    /// The service stations the user sees.
    static func visibleStations(_ req: Request) async throws -> [Org] {
        try await Stations.stations(in: try req.scope.visibleOrgIDs, on: req.db)
    }

    static func year(_ req: Request) throws -> Int {
        guard let text = req.query[String.self, at: "year"], !text.isEmpty else { return ChinaTime.today.year }
        guard let year = Int(text), (2000...2100).contains(year) else {
            throw QueryParameterError(field: "year", message: "year（年度）须为2000至2100之间的整数")
        }
        return year
    }

    static func ranking(_ req: Request) async throws -> Response {
        let year = try year(req)
        let standings = try await Stations.standings(try await visibleStations(req), year: year, on: req.db)
        return try await req.page("公共法律服务站点评价（\(year)年）") {
            el("p") {
                "按标准化清单达标率（占50分）和群众评价平均分（占50分）排名；差距为未达标的清单项和评价偏低。"
                el("a", .href("/stations/ratings?year=\(year)")) { "查看全部评价" }
                "；"
                el("a", .href("/lists/\(StationChecklist.list.code)")) { "标准化清单的检查项" }
                "由系统管理员在选项目录中增减。"
            }
            dataTable(headers: ["排名", "站点", "标准化达标", "接待人次", "平均等候", "评价", "得分", "差距"],
                      rows: standings.enumerated().map { index, standing in
                var gaps = standing.gaps
                if let mean = standing.meanScore, mean < 4 { gaps.append("群众评价偏低（\(format(mean))分）") }
                if standing.ratings == 0 { gaps.append("本年无群众评价") }
                return [.text("\(index + 1)"), el("a", .href("/stations/\(standing.station.id!)?year=\(year)")) { standing.station.name },
                        .text("\(standing.met)/\(standing.items)"), .text("\(standing.visits)"),
                        .text(standing.meanWait.map { "\(format($0))分钟" } ?? "—"),
                        .text(standing.meanScore.map { "\(format($0))分（\(standing.ratings)条）" } ?? "—"),
                        .text(format(standing.score)), .text(gaps.isEmpty ? "无" : gaps.joined(separator: "；"))]
            }, empty: "没有可查看的公共法律服务站点")
        }
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func station(_ req: Request) async throws -> Response {
        try await renderStation(req, state: FormState(), link: nil)
    }

    static func findStation(_ req: Request) async throws -> Org {
        let scope = try req.scope
        let station = try await scope.findOrg(req.parameters.get("id", as: UUID.self), on: req.db)
        guard station.kind == .serviceStation else { throw Abort(.notFound) }
        return station
    }

    static func renderStation(_ req: Request, state: FormState, link: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let station = try await findStation(req)
        let year = try year(req)
        guard let standing = try await Stations.standings([station], year: year, on: req.db).first else { throw Abort(.notFound) }
        let items = try await StationChecklist.items(on: req.db)
        var latest: [String: StationCheck] = [:]
        for check in try await StationCheck.query(on: req.db).filter(\.$stationID == station.id!).sort(\.$checkedOn).sort(\.$recordedAt).all() {
            latest[check.itemCode] = check
        }
        let visits = try await StationVisit.query(on: req.db).filter(\.$stationID == station.id!).sort(\.$visitedOn, .descending)
            .sort(\.$recordedAt, .descending).limit(30).all()
        let ratings = try await ServiceRating.query(on: req.db).filter(\.$stationID == station.id!).sort(\.$ratedAt, .descending).limit(30).all()
        let services = Dictionary(uniqueKeysWithValues: Stations.services(req.modules).map { ($0.code, $0.label) })
        let canRecord = current.scope.canRecord(at: station.id!)
        let csrf = current.session.csrfToken
        return try await req.page(station.name, status: status) {
            el("p") { el("a", .href("/stations?year=\(year)")) { "返回站点排名" } }
            if let link {
                el("div", .class("alert ok"), Attribute("role", "status")) {
                    el("p") { "已登记接待。请将评价链接交给群众（可复制发送或打印）：" }
                    el("p") { el("strong", .id("rating-link")) { link } }
                }
            }
            el("section", .class("card")) {
                el("h2") { "\(year)年概况" }
                el("p") {
                    "标准化清单达标 \(standing.met)/\(standing.items) 项；接待 \(standing.visits) 人次"
                    standing.meanWait.map { "，平均等候 \(format($0)) 分钟" } ?? ""
                    standing.meanScore.map { "；群众评价 \(standing.ratings) 条，平均 \(format($0)) 分" } ?? "；暂无群众评价"
                }
            }
            el("section", .class("card"), .id("checklist")) {
                el("h2") { "标准化清单" }
                if canRecord {
                    el("form", Attribute("method", "post"), Attribute("action", "/stations/\(station.id!)/checks")) {
                        csrfField(csrf)
                        textField("checkedOn", label: "检查日期", state: FormState(values: ["checkedOn": state["checkedOn"].isEmpty
                            ? ChinaTime.today.description : state["checkedOn"]], errors: state.errors), type: "date", required: true)
                        dataTable(headers: ["项目", "达标", "说明", "上次检查"], rows: items.map { item in
                            let check = latest[item.checkKey]
                            return [.text(item.label),
                                    el("input", .type("checkbox"), .name("met-\(item.checkKey)"), .aria("label", "\(item.label)达标"),
                                       .flag("checked", check?.met == true)),
                                    el("input", .type("text"), .name("note-\(item.checkKey)"), .aria("label", "\(item.label)说明"), .value(check?.note)),
                                    .text(check.map { "\($0.checkedOn) \($0.checkedBy)" } ?? "未检查")]
                        })
                        submitButton("保存检查结果")
                    }
                } else {
                    dataTable(headers: ["项目", "达标", "说明", "上次检查"], rows: items.map { item in
                        let check = latest[item.checkKey]
                        return [.text(item.label), .text(check.map { $0.met ? "是" : "否" } ?? "未检查"), .text(check?.note ?? ""),
                                .text(check.map { "\($0.checkedOn) \($0.checkedBy)" } ?? "")]
                    })
                }
            }
            el("section", .class("card"), .id("visits")) {
                el("h2") { "接待登记" }
                if canRecord {
                    el("form", Attribute("method", "post"), Attribute("action", "/stations/\(station.id!)/visits"), .class("filters")) {
                        errorSummary(state)
                        csrfField(csrf)
                        selectField("service", label: "服务事项", options: Stations.services(req.modules).map { ($0.code, $0.label) },
                                    state: state, required: true)
                        textField("visitedOn", label: "接待日期", state: FormState(values: ["visitedOn": state["visitedOn"].isEmpty
                            ? ChinaTime.today.description : state["visitedOn"]], errors: state.errors), type: "date", required: true)
                        textField("waitedMinutes", label: "等候时间（分钟）", state: state, type: "number", required: true, hint: "0至600")
                        submitButton("登记并生成评价链接")
                    }
                }
                dataTable(headers: ["日期", "服务事项", "等候", "登记人"], rows: visits.map { visit in
                    [.text(visit.visitedOn), .text(services[visit.service] ?? visit.service), .text("\(visit.waitedMinutes)分钟"), .text(visit.recordedBy)]
                }, empty: "暂无接待记录")
            }
            el("section", .class("card")) {
                el("h2") { "群众评价" }
                dataTable(headers: ["日期", "评分", "评价内容"], rows: ratings.map { rating in
                    [.text(rating.ratedOn), .text("\(rating.score)分"), .text(rating.comment ?? "")]
                }, empty: "暂无评价")
            }
        }
    }

    static func recordChecks(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let station = try await findStation(req)
        guard current.scope.canRecord(at: station.id!) else { throw Abort(.forbidden, reason: "您没有登记该站点检查结果的权限") }
        let form = try req.content.decode([String: String].self)
        guard let checkedOn = CivilDate(string: form["checkedOn"] ?? ""), checkedOn <= ChinaTime.today else {
            var errors = ValidationErrors()
            errors.add("checkedOn", "检查日期格式应为 YYYY-MM-DD，且不能晚于今天")
            return try await renderStation(req, state: FormState(values: form, errors: errors), link: nil, status: .unprocessableEntity)
        }
        let items = try await StationChecklist.items(on: req.db)
        var met: [String: Bool] = [:], notes: [String: String] = [:]
        for item in items {
            met[item.checkKey] = form["met-\(item.checkKey)"] == "on"
            notes[item.checkKey] = form["note-\(item.checkKey)"]?.trimmingCharacters(in: .whitespaces)
        }
        try await Stations.recordChecks(met, notes: notes, at: station, checkedOn: checkedOn, actor: current.actor, on: req.db)
        return req.redirect(to: "/stations/\(station.id!)#checklist")
    }

    static func recordVisit(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let station = try await findStation(req)
        guard current.scope.canRecord(at: station.id!) else { throw Abort(.forbidden, reason: "您没有在该站点登记接待的权限") }
        let form = try req.content.decode([String: String].self)
        var errors = ValidationErrors()
        let service = form["service"] ?? ""
        if !Stations.services(req.modules).contains(where: { $0.code == service }) { errors.add("service", "请选择服务事项") }
        let visitedOn = CivilDate(string: form["visitedOn"] ?? "")
        if visitedOn == nil || visitedOn! > ChinaTime.today { errors.add("visitedOn", "接待日期格式应为 YYYY-MM-DD，且不能晚于今天") }
        let waited = Int((form["waitedMinutes"] ?? "").trimmingCharacters(in: .whitespaces))
        if waited == nil || !(0...600).contains(waited!) { errors.add("waitedMinutes", "等候时间须为0至600之间的整数（分钟）") }
        guard errors.isEmpty else {
            return try await renderStation(req, state: FormState(values: form, errors: errors), link: nil, status: .unprocessableEntity)
        }
        let (_, token) = try await Stations.recordVisit(at: station, service: service, visitedOn: visitedOn!, waitedMinutes: waited!,
                                                        staff: current.user.id, actor: current.actor, on: req.db)
        let base = req.application.fazhi.publicURL ?? "http://\(req.headers.first(name: .host) ?? "127.0.0.1")"
        return try await renderStation(req, state: FormState(), link: "\(base)/portal/rate/\(token)", status: .created)
    }

    /// Ratings by station, by line and by handler, with the latest comments.
    static func ratings(_ req: Request) async throws -> Response {
        let year = try year(req)
        let scope = try req.scope
        let stations = try await visibleStations(req)
        let stationNames = Dictionary(uniqueKeysWithValues: stations.map { ($0.id!, $0.name) })
        // The ratings the user may see: their stations' visits, and matters of the lines they read.
        let readable = Set(req.modules.lines.filter { scope.canRead($0) }.map(\.rawValue))
        let all = try await ServiceRating.query(on: req.db).filter(\.$ratedOn >= "\(year)-01-01").filter(\.$ratedOn <= "\(year)-12-31")
            .sort(\.$ratedAt, .descending).limit(5000).all()
            .filter { rating in rating.stationID.map { stationNames[$0] != nil } ?? rating.line.map { readable.contains($0) } ?? false }
        let handlerIDs = Array(Set(all.compactMap(\.handlerID)))
        let handlers = Dictionary(uniqueKeysWithValues: try await User.query(on: req.db).filter(\.$id ~~ (handlerIDs.isEmpty ? [UUID()] : handlerIDs))
            .all().map { ($0.id!, $0.displayName) })
        let lineLabels = Dictionary(uniqueKeysWithValues: Stations.services(req.modules).map { ($0.code, $0.label) })
        func table(_ title: String, _ key: (ServiceRating) -> String?) -> Markup {
            var groups: [String: [Int]] = [:]
            for rating in all { if let name = key(rating) { groups[name, default: []].append(rating.score) } }
            let rows = groups.sorted { $0.key < $1.key }.map { name, scores in
                [Markup.text(name), .text("\(scores.count)"), .text(format(Double(scores.reduce(0, +)) / Double(scores.count))),
                 .text("\(scores.filter { $0 <= 2 }.count)")]
            }
            return el("section", .class("card")) {
                el("h2") { title }
                dataTable(headers: ["", "评价数", "平均分", "差评（1–2分）"], rows: rows, empty: "暂无评价")
            }
        }
        return try await req.page("群众评价（\(year)年）") {
            el("p") { el("a", .href("/stations?year=\(year)")) { "返回站点排名" } }
            table("按站点", { $0.stationID.flatMap { stationNames[$0] } })
            table("按业务", { $0.line.flatMap { lineLabels[$0] } })
            table("按承办人", { $0.handlerID.flatMap { handlers[$0] } })
            el("section", .class("card")) {
                el("h2") { "最近的评价内容" }
                dataTable(headers: ["日期", "站点或业务", "评分", "内容"], rows: all.filter { $0.comment != nil }.prefix(100).map { rating in
                    [.text(rating.ratedOn), .text(rating.stationID.flatMap { stationNames[$0] } ?? rating.line.flatMap { lineLabels[$0] } ?? ""),
                     .text("\(rating.score)分"), .text(rating.comment ?? "")]
                }, empty: "暂无评价内容")
            }
        }
    }

    /// The report's sentence on the stations (its shortcomings section), counted from the checklist and the ratings.
    static func finding(_ query: ReportQuery) async throws -> [String] {
        var orgIDs = Set(query.orgIDs ?? [])
        if query.orgIDs == nil { orgIDs = Set(try await Org.query(on: query.db).filter(\.$kind == .serviceStation).all(\.$id)) }
        let stations = try await Stations.stations(in: orgIDs, on: query.db)
        guard !stations.isEmpty, let year = Int(query.from.prefix(4)) else { return [] }
        let standings = try await Stations.standings(stations, year: year, on: query.db)
        let short = standings.filter { !$0.gaps.isEmpty }
        var gapCounts: [String: Int] = [:]
        for standing in short { for gap in standing.gaps { gapCounts[gap, default: 0] += 1 } }
        let common = gapCounts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(2).map { "\($0.key)（\($0.value)个）" }
        var sentence = "全区\(stations.count)个公共法律服务站点中，\(short.count)个标准化建设尚未全部达标"
        if !common.isEmpty { sentence += "，主要差距在\(common.joined(separator: "、"))" }
        let rated = standings.filter { $0.meanScore != nil }
        if let lowest = rated.min(by: { $0.meanScore! < $1.meanScore! }), let highest = rated.max(by: { $0.meanScore! < $1.meanScore! }) {
            sentence += "；群众评价平均分最高的\(highest.station.name)为\(format(highest.meanScore!))分，最低的\(lowest.station.name)为\(format(lowest.meanScore!))分"
        }
        return [sentence + "。"]
    }
}
