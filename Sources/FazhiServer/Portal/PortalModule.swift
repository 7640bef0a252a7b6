import Fluent
import FazhiCore
import Vapor

/// The public portal (`/portal`): residents and companies sign in with their mobile number, apply online for what the
/// lines take from the public (`Module.portalApplications`), follow their matters, open the documents served on them,
/// and follow one matter by its receipt code without an account. Its own sessions, layout and limits; the lines' rules.
enum PortalModule: Module {
    static var migrations: [any Migration] { [CreatePortalTables(), CreatePortalAppointments()] }

    static var settings: [SettingDeclaration] {
        [SettingDeclaration(key: "portal.intake.<line>", meaning: "受理该条线网上申请的机构代码（未设置时为该条线承办人所在机构）", rule: .orgCode),
         SettingDeclaration(key: PortalAppointments.capacitySetting, meaning: "每个机构每半天可网上预约到场的人数", rule: .integer(PortalAppointments.capacityRange))]
    }

    /// The visitors booked through the portal, for the offices whose lines book visits.
    static var navigation: [NavItem] {
        [NavItem(section: "业务办理", title: "网上预约到场", path: "/appointments", isVisibleIn: { scope, modules in
            modules.portalApplications.contains { $0.appointments != nil && scope.canRead($0.line) }
        })]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.get("appointments", use: PortalAppointments.dayList)
    }

    static func publicRoutes(_ routes: RoutesBuilder) {
        let portal = routes.grouped("portal").grouped(PortalSessionMiddleware())
        portal.get(use: home)
        portal.get("login", use: loginForm)
        portal.post("login", use: requestCode)
        portal.post("login", "verify", use: verifyCode)
        portal.post("logout", use: logout)
        portal.get("profile", use: PortalProfile.form)
        portal.post("profile", use: PortalProfile.save)
        PortalApplyPages.routes(portal)
        PortalMatterPages.routes(portal)
        PortalRatings.routes(portal)
    }

    static func loadDemo(_ demo: DemoCases, random: inout DemoRandom) async throws -> [String] {
        try await PortalDemo(demo: demo).load(random: &random)
    }

    // MARK: Home

    static func home(_ req: Request) async throws -> Response {
        let applications = req.modules.portalApplications
        return req.portalPage("网上办事") {
            el("p", .class("lead")) { "足不出户申请行政复议等事项，随时查看办理进度，在线接收文书。" }
            el("ul", .class("portal-cards")) {
                for application in applications {
                    el("li", .class("portal-card")) {
                        el("h2") { application.title }
                        el("p") { application.summary }
                        el("a", .class("button primary"), .href("/portal/apply/\(application.code)")) { "在线申请" }
                    }
                }
            }
            el("section", .class("portal-card")) {
                el("h2") { "查询办理进度" }
                el("p") { "提交申请时获得的12位查询码，无需登录即可查询该事项的进度。" }
                el("a", .class("button"), .href("/portal/track")) { "用查询码查询" }
            }
        }
    }

    // MARK: Signing in

    static func loginForm(_ req: Request) async throws -> Response {
        let next = safeNext(try? req.query.get(String.self, at: "next"))
        return phoneForm(req, state: FormState(values: ["next": next]))
    }

    private static func phoneForm(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) -> Response {
        req.portalPage("登录 / 注册", status: status) {
            el("form", Attribute("method", "post"), Attribute("action", "/portal/login"), .class("card"), Attribute("novalidate", nil)) {
                errorSummary(state)
                if let resident = req.resident { csrfField(resident.session.csrfToken) }
                el("input", .type("hidden"), .name("next"), .value(state["next"]))
                el("p") { "首次使用将以手机号自动注册。我们会向该手机号发送6位验证码。" }
                textField("phone", label: "手机号", state: state, type: "tel", required: true, autocomplete: "tel")
                submitButton("获取验证码")
            }
        }
    }

    static func requestCode(_ req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        let phone = form["phone"] ?? ""
        let next = safeNext(form["next"])
        do {
            try await req.portalSessions.requestCode(phoneText: phone, ip: req.clientIP, sender: req.application.textMessages, logger: req.logger)
        } catch let error as FieldError {
            return phoneForm(req, state: FormState(values: form, errors: ValidationErrors([error])), status: .unprocessableEntity)
        } catch let limited as RateLimited {
            let response = phoneForm(req, state: FormState(values: form, errors: ValidationErrors([FieldError(field: "phone", message: limited.message)])),
                                     status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(limited.retryAfter))
            return response
        }
        return codeForm(req, state: FormState(values: ["phone": phone, "next": next]))
    }

    private static func codeForm(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) -> Response {
        req.portalPage("输入验证码", status: status) {
            el("form", Attribute("method", "post"), Attribute("action", "/portal/login/verify"), .class("card"), Attribute("novalidate", nil)) {
                errorSummary(state)
                if let resident = req.resident { csrfField(resident.session.csrfToken) }
                el("p") { "验证码已发送至 \(Masking.phone(state["phone"]))，\(Int(OneTimeCode.lifetime / 60))分钟内有效。" }
                el("input", .type("hidden"), .name("phone"), .value(state["phone"]))
                el("input", .type("hidden"), .name("next"), .value(state["next"]))
                textField("code", label: "验证码", state: state, type: "text", required: true, autocomplete: "one-time-code")
                submitButton("登录")
            }
            el("p") { el("a", .href("/portal/login")) { "没有收到？重新获取" } }
        }
    }

    static func verifyCode(_ req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        let next = safeNext(form["next"])
        let issued: PortalSessions.Issued
        do {
            issued = try await req.portalSessions.verify(phoneText: form["phone"] ?? "", codeText: form["code"] ?? "", ip: req.clientIP)
        } catch let error as FieldError {
            var values = form
            values["code"] = ""
            return codeForm(req, state: FormState(values: values, errors: ValidationErrors([error])), status: .unprocessableEntity)
        }
        let response = req.redirect(to: issued.account.hasProfile ? (next.isEmpty ? "/portal/matters" : next)
                                        : "/portal/profile" + (next.isEmpty ? "" : "?next=\(next)"))
        response.cookies[PortalSessions.cookieName] = HTTPCookies.Value(
            string: issued.token, expires: issued.session.expiresAt, maxAge: Int(PortalSessions.lifetime), path: "/portal",
            isSecure: req.application.fazhi.servesTLS, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    static func logout(_ req: Request) async throws -> Response {
        if let resident = req.resident { try await req.portalSessions.logout(resident.session) }
        let response = req.redirect(to: "/portal")
        response.cookies[PortalSessions.cookieName] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0,
                                                                      path: "/portal", isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// A `next` that stays on the portal (never an address elsewhere).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/portal"), !next.hasPrefix("//"), !next.contains("\\"), next.count < 200 else { return "" }
        return next
    }
}
