import FazhiCore
import Vapor

/// The public site's layout: mobile first (one column, large touch targets, readable at 360 px), the bureau's name on
/// top, what a resident may do as the only navigation, every asset served by the app (`/assets/portal.css`,
/// `/assets/portal.js`).
struct PortalLayout {
    static let siteName = "公共法律服务网上平台"
    let title: String
    let resident: ResidentSession?
    let activePath: String

    func render(_ content: [Markup]) -> String {
        let document = el("html", Attribute("lang", "zh-CN")) {
            el("head") {
                el("meta", Attribute("charset", "utf-8"))
                el("meta", .name("viewport"), Attribute("content", "width=device-width, initial-scale=1"))
                el("title") { "\(title) · \(Self.siteName)" }
                el("link", Attribute("rel", "stylesheet"), .href("/assets/portal.css"))
            }
            el("body", .class("portal")) {
                el("a", .class("skip"), .href("#main")) { "跳到正文" }
                el("header", .class("portal-top")) {
                    el("a", .class("portal-brand"), .href("/portal")) { Self.siteName }
                    el("nav", .aria("label", "网站导航")) {
                        el("ul") {
                            for (path, label) in links {
                                el("li") { el("a", .href(path), .aria("current", activePath == path ? "page" : nil)) { label } }
                            }
                            if let resident {
                                el("li") {
                                    el("form", Attribute("method", "post"), Attribute("action", "/portal/logout"), .class("inline")) {
                                        csrfField(resident.session.csrfToken)
                                        el("button", .type("submit"), .class("link")) { "退出" }
                                    }
                                }
                            }
                        }
                    }
                }
                el("main", .id("main"), .class("portal-main")) {
                    el("h1") { title }
                    content
                }
                el("footer", .class("portal-foot")) {
                    el("p") { "本平台由区司法局提供。咨询法律问题可拨打公共法律服务热线 12348。" }
                }
                el("script", Attribute("src", "/assets/portal.js"), .flag("defer"))
            }
        }
        return "<!DOCTYPE html>\n" + document.render()
    }

    private var links: [(String, String)] {
        resident == nil
            ? [("/portal", "首页"), ("/portal/track", "进度查询"), ("/portal/login", "登录 / 注册")]
            : [("/portal", "首页"), ("/portal/matters", "我的事项"), ("/portal/profile", "我的资料")]
    }
}

extension Request {
    /// Renders a portal page inside the portal's layout.
    func portalPage(_ title: String, status: HTTPResponseStatus = .ok, @MarkupBuilder _ content: () -> [Markup]) -> Response {
        let html = PortalLayout(title: title, resident: resident, activePath: url.path).render(content())
        let response = Response.html(html, status: status)
        // A page with personal data is never kept by a shared computer's browser cache.
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// The signed-in resident, or a redirect to sign in (thrown, so a handler reads as its happy path).
    func requireResident() throws -> ResidentSession {
        guard let resident else {
            let back = url.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/portal"
            throw PortalSignInRequired(next: back)
        }
        return resident
    }
}

/// A page that needs a signed-in resident was asked for without one: answered with the sign-in page.
struct PortalSignInRequired: Error {
    let next: String
}
