import Fluent
import FazhiCore
import Vapor

/// Public-lawyer coverage (公职律师全覆盖): for each bureau the user reads, the units that should have a public lawyer,
/// which have one active today in the register, the coverage rate and the bureaus ranked by it (a city sees its
/// districts ranked); the units not covered listed first. Units are added by the line's staff.
enum LegalAdviserCoverage {
    struct UnitRow: Content {
        let name: String
        let category: String
        let bureau: String
        let lawyers: Int
        var covered: Bool { lawyers > 0 }
    }

    struct BureauRow: Content {
        let bureau: String
        let required: Int
        let covered: Int
        let percent: Int
        let rank: Int
    }

    struct Coverage: Content {
        let date: String
        let bureaus: [BureauRow]
        let units: [UnitRow]
    }

    struct Input: Content {
        var name: String?
        var category: String?
    }

    static func routes(_ routes: RoutesBuilder) {
        let api = routes.grouped("api", "v1", "legal-advisers")
        api.get("coverage") { req async throws -> Coverage in
            try await coverage(req.db, scope: try req.scope, today: ChinaTime.today)
        }.openAPI("公职律师覆盖情况：应设单位、已设单位、覆盖率与排名", tag: "legal-advisers")
        api.post("units") { req async throws -> Response in
            let current = try req.requireCurrent()
            let unit = try await add(try req.content.decode(Input.self), scope: current.scope, actor: current.actor, on: req.db)
            let response = Response(status: .created)
            try response.content.encode(["name": unit.name, "category": unit.category])
            return response
        }.openAPI("增加应设公职律师的单位：{name, category}", tag: "legal-advisers",
                  body: ["type": "object", "required": ["name", "category"]], responses: [201: "已增加", 403: "无权限", 422: "输入有误"])
        routes.get("legal-advisers", "coverage", use: page)
        routes.post("legal-advisers", "units", use: post)
    }

    static func coverage(_ db: Database, scope: Scope, today: CivilDate) async throws -> Coverage {
        guard scope.canRead(.legalAdviser) else { throw Abort(.forbidden, reason: "您没有查看法律顾问与公职律师的权限") }
        let orgIDs = Array(scope.readableOrgIDs(.legalAdviser))
        let units = try await PublicLawyerUnit.query(on: db).filter(\.$org.$id ~~ orgIDs).sort(\.$name).all()
        let day = today.description
        let lawyers = try await RegisterEntry.query(on: db).filter(\.$kind == LegalAdviserBooks.publicLawyers.code)
            .filter(\.$org.$id ~~ orgIDs).filter(\.$activeFrom <= day)
            .group(.or) { $0.filter(\.$activeTo == nil).filter(\.$activeTo > day) }.all(\.$fields)
        var perUnit: [String: Int] = [:]
        for fields in lawyers {
            if let unit = LedgerFields.decode(fields)["unit"] { perUnit[unit, default: 0] += 1 }
        }
        let bureaus = try await Org.query(on: db).filter(\.$kind == .bureau).all()
        let orgs = try await Org.query(on: db).filter(\.$id ~~ Set(units.map(\.$org.id))).all()
        func bureau(of orgID: UUID) -> String {
            guard let org = orgs.first(where: { $0.id == orgID }) else { return "" }
            return bureaus.filter { org.path.hasPrefix($0.path) }.max { $0.path.count < $1.path.count }?.name ?? org.name
        }
        let rows = units.map { UnitRow(name: $0.name, category: $0.category, bureau: bureau(of: $0.$org.id), lawyers: perUnit[$0.name] ?? 0) }
        var tallies = Dictionary(grouping: rows, by: \.bureau).map { name, rows in
            let covered = rows.filter(\.covered).count
            return (name, rows.count, covered, LegalAdviserRules.coveragePercent(covered: covered, required: rows.count))
        }
        tallies.sort { ($0.3, $0.0) > ($1.3, $1.0) }
        var ranked: [BureauRow] = []
        for (index, tally) in tallies.enumerated() {
            let rank = index > 0 && ranked[index - 1].percent == tally.3 ? ranked[index - 1].rank : index + 1
            ranked.append(BureauRow(bureau: tally.0, required: tally.1, covered: tally.2, percent: tally.3, rank: rank))
        }
        return Coverage(date: day, bureaus: ranked, units: rows.sorted { ($0.covered ? 1 : 0, $0.name) < ($1.covered ? 1 : 0, $1.name) })
    }

    static func add(_ input: Input, scope: Scope, actor: AuditActor, on db: Database) async throws -> PublicLawyerUnit {
        guard let home = scope.homeOrg(for: .legalAdviser) else {
            throw Abort(.forbidden, reason: "您没有办理法律顾问与公职律师工作的权限")
        }
        var errors = ValidationErrors()
        let name = (input.name ?? "").trimmingCharacters(in: .whitespaces)
        let category = (input.category ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 60 { errors.add("name", "单位名称不能为空，且不超过60个字符") }
        if let problem = PlainText.problem(name, field: "name", label: "单位名称", multiline: false) { errors.errors.append(problem) }
        if !PublicLawyerUnit.categories.contains(category) { errors.add("category", "单位类别须为：\(PublicLawyerUnit.categories.joined(separator: "、"))") }
        if try await PublicLawyerUnit.query(on: db).filter(\.$org.$id == home).filter(\.$name == name).first() != nil {
            errors.add("name", "单位「\(name)」已在名单中")
        }
        try errors.throwIfAny()
        let unit = PublicLawyerUnit(orgID: home, name: name, category: category)
        try await db.transaction { tx in
            try await unit.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "create", entityType: "publicLawyerUnit", entityID: unit.id!.uuidString,
                                      before: nil, after: ["name": name, "category": category])
        }
        return unit
    }

    @Sendable static func page(_ req: Request) async throws -> Response {
        try await render(req, state: FormState())
    }

    static func render(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let coverage = try await coverage(req.db, scope: current.scope, today: ChinaTime.today)
        return try await req.page("公职律师覆盖情况", status: status) {
            errorSummary(state)
            el("p") { "截至\(coverage.date)，按公职律师名册中在职的公职律师统计（所在单位与应设单位名称一致即为已覆盖）。" }
            dataTable(caption: "覆盖率排名", headers: ["排名", "司法局", "应设单位", "已设单位", "覆盖率"],
                      rows: coverage.bureaus.map { [.text(String($0.rank)), .text($0.bureau), .text(String($0.required)), .text(String($0.covered)),
                                                   .text("\($0.percent)%")] },
                      empty: "尚未登记应设公职律师的单位")
            dataTable(caption: "应设公职律师的单位", headers: ["单位", "类别", "在职公职律师", "覆盖"],
                      rows: coverage.units.map { [.text($0.name), .text($0.category), .text(String($0.lawyers)),
                                                 badge($0.covered ? "已覆盖" : "未覆盖", tone: $0.covered ? "ok" : "warn")] })
            if current.scope.homeOrg(for: .legalAdviser) != nil {
                el("h2") { "增加应设公职律师的单位" }
                el("form", Attribute("method", "post"), Attribute("action", "/legal-advisers/units"), .class("card")) {
                    csrfField(current.session.csrfToken)
                    textField("name", label: "单位名称", state: state, required: true, hint: "与公职律师名册“所在单位”一致，如：河东区民政局")
                    selectField("category", label: "单位类别", options: PublicLawyerUnit.categories.map { ($0, $0) }, state: state, required: true)
                    submitButton("增加")
                }
            }
            el("p") {
                el("a", .href("/registers/publicLawyer")) { "公职律师名册" }
                " · "
                el("a", .href("/registers/adviser")) { "法律顾问团成员" }
                " · "
                el("a", .href("/ledgers/adviser.participation")) { "法律顾问参与法制工作" }
            }
        }
    }

    @Sendable static func post(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let form = try req.content.decode([String: String].self)
        do {
            _ = try await add(.init(name: form["name"], category: form["category"]), scope: current.scope, actor: current.actor, on: req.db)
            return req.redirect(to: "/legal-advisers/coverage")
        } catch let errors as ValidationErrors {
            return try await render(req, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        }
    }
}
