import Fluent
import FazhiCore
import Vapor

/// `/api/v1/enforcement`: the plan and its progress, trainings, inspections with their findings, the rectification
/// queue and the agency's report and the office's acceptance — the same reads and writes as the pages.
enum EnforcementAPI {
    static func routes(_ routes: RoutesBuilder) {
        let api = routes.grouped("api", "v1", "enforcement")
        let tag = "enforcement"
        api.get("plan") { req async throws -> EnforcementQueries.Progress in
            let scope = try readable(req)
            return try await EnforcementQueries.progress(scope, year: try year(req), today: ChinaTime.today, on: req.db)
        }.openAPI("本年度“双计划”（培训计划、监督计划）各条目及完成情况：按月、按机关、滞后条目（year）", tag: tag)
        api.post("plan") { req async throws -> Response in
            let current = try req.requireCurrent()
            let input = try req.content.decode(EnforcementWork.PlanLineInput.self)
            let office = try await EnforcementWork.office(current.scope, on: req.db)
            let agencies = try await EnforcementWork.agencies(current.scope, on: req.db)
            let line = try await req.db.transaction { tx in
                try await EnforcementWork.addPlanLine(input, office: office, agencies: agencies, actor: current.actor, on: tx)
            }
            return try created(["id": line.id!.uuidString])
        }.openAPI("增加一条计划：{year, kind: training|supervision, agencyID, topic, month, planned}", tag: tag,
                  body: ["type": "object", "required": ["year", "kind", "agencyID", "topic", "month", "planned"]],
                  responses: [201: "已增加", 403: "无权限", 422: "输入有误"])
        api.get("trainings") { req async throws -> EnforcementQueries.TrainingList in
            let scope = try readable(req)
            return try await EnforcementQueries.trainings(scope, year: try year(req), paging: try Paging.from(req, size: 50), on: req.db)
        }.openAPI("本年度行政执法培训（分页）及本年度尚未参训的行政执法机关（year、page）", tag: tag)
        api.post("trainings") { req async throws -> Response in
            let current = try req.requireCurrent()
            let input = try req.content.decode(EnforcementWork.TrainingInput.self)
            let office = try await EnforcementWork.office(current.scope, on: req.db)
            let agencies = try await EnforcementWork.agencies(current.scope, on: req.db)
            let training = try await req.db.transaction { tx in
                try await EnforcementWork.recordTraining(input, office: office, agencies: agencies, today: ChinaTime.today, actor: current.actor, on: tx)
            }
            return try created(["id": training.id!.uuidString])
        }.openAPI("记录一场培训：{heldOn, topic, planLineID?, attendance: [{agencyID, attendees}]}", tag: tag,
                  body: ["type": "object", "required": ["heldOn", "topic", "attendance"]], responses: [201: "已记录", 403: "无权限", 422: "输入有误"])
        api.get("inspections") { req async throws -> EnforcementQueries.InspectionList in
            let scope = try readable(req)
            return try await EnforcementQueries.inspections(scope, year: try year(req), paging: try Paging.from(req, size: 50), on: req.db)
        }.openAPI("本年度监督检查（分页）（year、page）", tag: tag)
        api.post("inspections") { req async throws -> Response in
            let current = try req.requireCurrent()
            let input = try req.content.decode(EnforcementWork.InspectionInput.self)
            let office = try await EnforcementWork.office(current.scope, on: req.db)
            let agencies = try await EnforcementWork.agencies(current.scope, on: req.db)
            let clock = try await RectificationClock.of(req)
            let (inspection, findings) = try await req.db.transaction { tx in
                try await EnforcementWork.recordInspection(input, office: office, agencies: agencies, today: ChinaTime.today, clock: clock,
                                                           actor: current.actor, on: tx)
            }
            let response = Response(status: .created)
            try response.content.encode(Created(id: inspection.id!, findings: findings.map {
                .init(id: $0.id!, noticeNumber: $0.noticeNumber, dueOn: $0.dueOn, dueRule: $0.dueRuleKey)
            }))
            return response
        }.openAPI("记录一次监督检查及发现的问题（每个问题制发整改通知书）：{kind: special|joint, heldOn, topic, planLineID?, agencyIDs[], filesReviewed, participants, supervisorIDs[], findings: [{agencyID, category, description, dueOn?}]}",
                  tag: tag, body: ["type": "object", "required": ["kind", "heldOn", "topic", "agencyIDs", "filesReviewed"]],
                  responses: [201: "已记录", 403: "无权限", 422: "输入有误"])
        api.get("inspections", ":id") { req async throws -> EnforcementQueries.InspectionBody in
            try await EnforcementQueries.inspection(try readable(req), req.parameters.get("id", as: UUID.self), today: ChinaTime.today,
                                                    clock: try await RectificationClock.of(req), on: req.db)
        }.openAPI("一次监督检查：被监督机关、企业家监督员、问题及整改情况", tag: tag, responses: [200: "成功", 404: "不存在或不在范围内"])
        api.get("rectifications") { req async throws -> EnforcementQueries.Queue in
            let scope = try readable(req)
            let queue = req.query[String.self, at: "queue"] ?? "overdue"
            return try await EnforcementQueries.queue(scope, queue, today: ChinaTime.today, clock: try await RectificationClock.of(req),
                                                      paging: try Paging.from(req, size: 50), on: req.db)
        }.openAPI("整改队列（queue=overdue|open|reported|accepted|all，page）；行政机关只看到本机关的问题", tag: tag,
                  responses: [200: "成功", 400: "队列或页码有误"])
        api.post("findings", ":id", "report") { req async throws -> EnforcementQueries.FindingBody in
            let current = try req.requireCurrent()
            let finding = try await actable(req, current)
            let input = try req.content.decode(EnforcementWork.ReportInput.self)
            try await req.db.transaction { tx in
                try await EnforcementWork.report(input, finding: finding, today: ChinaTime.today, actor: current.actor, on: tx)
            }
            return try await EnforcementQueries.bodies([finding], today: ChinaTime.today, clock: try await RectificationClock.of(req), explained: true,
                                                       on: req.db)[0]
        }.openAPI("报送整改情况（被监督机关）：{reportedOn, report}", tag: tag, body: ["type": "object", "required": ["reportedOn", "report"]],
                  responses: [200: "已报送", 404: "不存在或不在范围内", 422: "输入有误或当前状态不能报送"])
        api.post("findings", ":id", "review") { req async throws -> EnforcementQueries.FindingBody in
            let current = try req.requireCurrent()
            let finding = try await reviewable(req, current)
            let input = try req.content.decode(EnforcementWork.ReviewInput.self)
            let clock = try await RectificationClock.of(req)
            try await req.db.transaction { tx in
                try await EnforcementWork.review(input, finding: finding, today: ChinaTime.today, clock: clock, actor: current.actor, on: tx)
            }
            return try await EnforcementQueries.bodies([finding], today: ChinaTime.today, clock: try await RectificationClock.of(req), explained: true,
                                                       on: req.db)[0]
        }.openAPI("整改验收（行政执法协调监督科）：{reviewedOn, accept: true|false, comment}", tag: tag,
                  body: ["type": "object", "required": ["reviewedOn", "accept"]],
                  responses: [200: "已验收或退回", 403: "无权限", 404: "不存在或不在范围内", 422: "输入有误或当前状态不能验收"])
    }

    struct Created: Content {
        struct Notice: Content {
            let id: UUID
            let noticeNumber: String
            /// Counted by the deadline engine (`dueRule`), rolled forward over rest days.
            let dueOn: String
            let dueRule: String
        }

        let id: UUID
        let findings: [Notice]
    }

    static func created(_ body: [String: String]) throws -> Response {
        let response = Response(status: .created)
        try response.content.encode(body)
        return response
    }

    static func readable(_ req: Request) throws -> Scope {
        let scope = try req.scope
        guard scope.canRead(.enforcementSupervision) else { throw Abort(.forbidden, reason: "您没有查看行政执法监督的权限") }
        return scope
    }

    static func year(_ req: Request) throws -> Int {
        guard let text = req.query[String.self, at: "year"] else { return ChinaTime.today.year }
        guard let year = Int(text), (2000...2100).contains(year) else { throw QueryParameterError(field: "year", message: "年份须为2000至2100之间的整数") }
        return year
    }

    /// A finding the user may report on: within the scope, and the user acts in the line at the agency (or above it).
    static func actable(_ req: Request, _ current: CurrentSession) async throws -> EnforcementFinding {
        let finding = try await current.scope.find(EnforcementFinding.self, req.parameters.get("id", as: UUID.self), on: req.db)
        guard current.scope.canAct(.enforcementSupervision, at: finding.$org.id) else { throw Abort(.forbidden, reason: "您不能报送该问题的整改情况") }
        return finding
    }

    /// A finding the user may accept or return: the user acts where its inspection belongs (the office, not the agency).
    static func reviewable(_ req: Request, _ current: CurrentSession) async throws -> EnforcementFinding {
        let finding = try await current.scope.find(EnforcementFinding.self, req.parameters.get("id", as: UUID.self), on: req.db)
        guard let inspection = try await EnforcementInspection.find(finding.inspectionID, on: req.db),
              current.scope.canAct(.enforcementSupervision, at: inspection.$org.id)
        else { throw Abort(.forbidden, reason: "只有组织监督检查的行政执法协调监督科可以验收整改") }
        return finding
    }
}
