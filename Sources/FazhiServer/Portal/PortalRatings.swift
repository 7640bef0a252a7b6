import Fluent
import FazhiCore
import Vapor

/// Rating the service (1–5 with a comment), once: a concluded matter by its applicant, a station visit by whoever holds
/// the link the station's staff gave them (`/portal/rate/<token>`, no account needed). Stored by `Stations.rate`, with
/// the station, line and handler the staff pages group by.
enum PortalRatings {
    static func routes(_ portal: RoutesBuilder) {
        portal.post("matters", ":id", "rating", use: rateMatter)
        portal.get("rate", ":token", use: visitForm)
        portal.post("rate", ":token", use: rateVisit)
    }

    /// The form (or the rating already given) on a concluded matter's page.
    static func matterMarkup(application: PortalApplicationRecord, record: CaseRecord, csrf: String, on db: Database) async throws -> Markup {
        guard !record.isOpen else { return .empty }
        if let rating = try await ServiceRating.query(on: db).filter(\.$subject == "matter").filter(\.$subjectID == application.id!).first() {
            return el("section", .class("card"), .id("rating")) {
                el("h2") { "服务评价" }
                el("p") { "您已评价：\(rating.score)分" + (rating.comment.map { "，\($0)" } ?? "") + "。谢谢！" }
            }
        }
        return el("section", .class("card"), .id("rating")) {
            el("h2") { "服务评价" }
            form(action: "/portal/matters/\(application.id!)/rating", csrf: csrf, state: FormState())
        }
    }

    static func form(action: String, csrf: String?, state: FormState) -> Markup {
        el("form", Attribute("method", "post"), Attribute("action", action), Attribute("novalidate", nil)) {
            errorSummary(state)
            if let csrf { csrfField(csrf) }
            el("fieldset", .class(state.errors.message(for: "score") == nil ? "field" : "field invalid")) {
                el("legend") { "满意度（1分最低，5分最高）" }
                el("div", .class("actions")) {
                    for score in 1...5 {
                        el("label") {
                            el("input", .type("radio"), .name("score"), .value(String(score)), .id("f-score-\(score)"), .flag("checked", state["score"] == String(score)))
                            " \(score)分"
                        }
                    }
                }
                if let error = state.errors.message(for: "score") { el("p", .class("error"), .id("f-score-error")) { error } }
            }
            textArea("comment", label: "意见和建议（选填，500字以内）", state: state, rows: 3)
            submitButton("提交评价")
        }
    }

    static func rateMatter(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let (application, record, kind) = try await PortalMatterPages.owned(req, resident: resident)
        guard !record.isOpen else { throw Abort(.conflict, reason: "事项办结后才能评价") }
        let form = try req.content.decode([String: String].self)
        let (score, comment) = try Stations.checkedRating(score: form["score"], comment: form["comment"])
        try await Stations.rate(subject: "matter", id: application.id!, station: nil, line: kind.line.rawValue, handler: record.$handler.id,
                                score: score, comment: comment, on: req.db)
        return req.redirect(to: "/portal/matters/\(application.id!)#rating")
    }

    static func visit(_ req: Request) async throws -> StationVisit {
        guard let token = req.parameters.get("token"), token.count < 100,
              let visit = try await StationVisit.query(on: req.db).filter(\.$ratingTokenHash == StaffSessions.digest(token)).first()
        else { throw Abort(.notFound, reason: "评价链接无效，请向工作人员重新索取") }
        return visit
    }

    static func visitForm(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        return try await visitPage(req, visit: visit, state: FormState())
    }

    static func visitPage(_ req: Request, visit: StationVisit, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let station = try await Org.find(visit.stationID, on: req.db)
        let rated = try await ServiceRating.query(on: req.db).filter(\.$subject == "visit").filter(\.$subjectID == visit.id!).first()
        return req.portalPage("服务评价", status: status) {
            el("p", .class("lead")) { "\(station?.name ?? "")，\(visit.visitedOn)" }
            if let rated {
                el("p", .class("alert success")) { "您已评价：\(rated.score)分。谢谢您的反馈！" }
            } else {
                form(action: req.url.path, csrf: req.resident?.session.csrfToken, state: state)
            }
        }
    }

    static func rateVisit(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        try await RateLimit.hit("portal.rate:\(req.clientIP)", limit: 60, window: 3600, what: "评价", on: req.db)
        let form = try req.content.decode([String: String].self)
        do {
            let (score, comment) = try Stations.checkedRating(score: form["score"], comment: form["comment"])
            try await Stations.rate(subject: "visit", id: visit.id!, station: visit.stationID,
                                    line: visit.service == Stations.consultation ? nil : visit.service, handler: visit.staffID,
                                    score: score, comment: comment, on: req.db)
        } catch let errors as ValidationErrors {
            return try await visitPage(req, visit: visit, state: FormState(values: form, errors: errors), status: .unprocessableEntity)
        }
        return try await visitPage(req, visit: visit, state: FormState())
    }
}
