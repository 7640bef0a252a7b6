import FazhiCore
import Vapor

/// The staff layout: the org and user on top, navigation by work line (only what the role may use), the page.
struct Layout {
    let title: String
    let current: CurrentSession?
    /// The app's modules, whose navigation (`ModuleRegistry.navigation`) is shown as far as `current` may see it.
    var modules: ModuleRegistry?
    let userOrgName: String?
    let activePath: String

    func render(_ content: [Markup]) -> String {
        let document = el("html", Attribute("lang", "zh-CN")) {
            el("head") {
                el("meta", Attribute("charset", "utf-8"))
                el("meta", .name("viewport"), Attribute("content", "width=device-width, initial-scale=1"))
                el("title") { "\(title) · 法治工作平台" }
                el("link", Attribute("rel", "stylesheet"), .href("/assets/fazhi.css"))
            }
            el("body") {
                el("a", .class("skip"), .href("#main")) { "跳到正文" }
                header
                el("div", .class("frame")) {
                    if let current {
                        sidebar(for: current.scope)
                    }
                    el("main", .id("main"), .class("content")) {
                        el("h1") { title }
                        content
                    }
                }
                el("script", Attribute("src", "/assets/fazhi.js"), .flag("defer"))
            }
        }
        return "<!DOCTYPE html>\n" + document.render()
    }

    private var header: Markup {
        el("header", .class("topbar")) {
            el("a", .class("brand"), .href("/")) { "法治 · 司法行政工作平台" }
            if let current {
                el("div", .class("who")) {
                    el("span", .class("org")) { userOrgName ?? "" }
                    el("span", .class("user")) { current.user.displayName }
                    el("form", Attribute("method", "post"), Attribute("action", "/logout"), .class("inline")) {
                        csrfField(current.session.csrfToken)
                        el("button", .type("submit"), .class("link")) { "退出登录" }
                    }
                }
            }
        }
    }

    private func sidebar(for scope: Scope) -> Markup {
        let sections = modules.map { Navigation.visibleSections(of: $0, for: scope) } ?? []
        return el("nav", .class("sidebar"), .aria("label", "主导航")) {
            for section in sections {
                el("h2") { section.title }
                el("ul") {
                    for item in section.items {
                        el("li") {
                            el("a", .href(item.path), .aria("current", isActive(item) ? "page" : nil)) { item.title }
                        }
                    }
                }
            }
        }
    }

    private func isActive(_ item: NavItem) -> Bool {
        item.path == "/" ? activePath == "/" : activePath.hasPrefix(item.path)
    }
}

extension Request {
    /// Renders a staff page inside the layout.
    func page(_ title: String, status: HTTPResponseStatus = .ok, _ content: [Markup]) async throws -> Response {
        var orgName: String?
        if let current {
            orgName = try await Org.find(current.user.$org.id, on: db)?.name
        }
        let html = Layout(title: title, current: current, modules: modules, userOrgName: orgName, activePath: url.path).render(content)
        return Response.html(html, status: status)
    }

    func page(_ title: String, status: HTTPResponseStatus = .ok, @MarkupBuilder _ content: () -> [Markup]) async throws -> Response {
        try await page(title, status: status, content())
    }
}

extension Response {
    static func html(_ html: String, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.add(name: .contentType, value: "text/html; charset=utf-8")
        headers.replaceOrAdd(name: .contentType, value: "text/html; charset=utf-8")
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        headers.add(name: "X-Frame-Options", value: "DENY")
        return Response(status: status, headers: headers, body: .init(string: html))
    }
}
