import Fluent
import FazhiCore
import Vapor

/// The start page: who you are, what you can reach.
struct HomeController {
    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.get(use: home)
    }

    static func home(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let grants = try await RoleGrant.query(on: req.db).filter(\.$user.$id == current.user.id!).with(\.$org).all()
        let sections = Navigation.visibleSections(of: req.modules, for: current.scope)
        return try await req.page("工作台") {
            el("p", .class("lead")) { "\(current.user.displayName)，您好。" }
            el("section", .class("card")) {
                el("h2") { "我的角色" }
                el("ul") {
                    for grant in grants {
                        el("li") { "\(grant.org.name) · \(grant.role.label)" + (grant.line.map { " · \($0.label)" } ?? "") }
                    }
                }
            }
            el("section", .class("card")) {
                el("h2") { "可用功能" }
                el("ul", .class("tiles")) {
                    for section in sections {
                        for item in section.items where item.path != "/" {
                            el("li") { el("a", .href(item.path)) { item.title } }
                        }
                    }
                }
            }
        }
    }
}
