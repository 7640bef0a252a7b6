import Vapor

/// The page shown for an error outside the API.
struct ErrorPage {
    let status: HTTPResponseStatus
    let message: String

    func response(for request: Request) -> Response {
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
