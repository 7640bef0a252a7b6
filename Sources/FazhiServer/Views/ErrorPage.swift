import Vapor

/// The page shown for an error outside the API.
struct ErrorPage {
    let status: HTTPResponseStatus
    let message: String

    func response(for request: Request) -> Response {
        if request.url.path.hasPrefix("/portal") {
            // The public site's errors in its own layout, pointing back to its own home.
            let html = PortalLayout(title: status == .notFound ? "未找到" : "出错了", resident: request.resident, activePath: request.url.path)
                .render([el("p", .class("lead")) { message }, el("p") { el("a", .href("/portal")) { "返回首页" } }])
            return Response.html(html, status: status)
        }
        let content: [Markup] = [
            el("p", .class("lead")) { message },
            el("p") { el("a", .href("/")) { "返回首页" } },
        ]
        let title = "\(status.code) \(status == .notFound ? "未找到" : "出错了")"
        let html = Layout(title: title, current: request.current, modules: request.modules, userOrgName: nil, activePath: request.url.path)
            .render(content)
        return Response.html(html, status: status)
    }
}
