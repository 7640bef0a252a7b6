import Fluent
import FazhiCore
import Vapor

/// 账户安全: what every staff member does for their own account — change the password, set up the second factor
/// (an authenticator app, RFC 6238) and keep its recovery codes. Administrators must set one up before anything else.
struct AccountController {
    static let path = "/account"
    static let secondFactorPath = "/account/second-factor"
    static let issuer = "法治工作平台"

    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.get("account", use: page)
        routes.post("account", "password", use: changePasswordFromForm)
        routes.get("account", "second-factor", use: secondFactorPage)
        routes.post("account", "second-factor", "start", use: startEnrolment)
        routes.post("account", "second-factor", "confirm", use: confirmEnrolment)
        routes.post("api", "v1", "me", "password", use: changePassword).openAPI(
            "修改本人密码（其他会话随之失效）", tag: "session",
            body: OpenAPIDocument.object(["currentPassword": "string", "newPassword": "string"], required: ["currentPassword", "newPassword"]),
            responses: [204: "已修改", 422: "当前密码不正确或新密码不符合要求"])
    }

    private static func accounts(_ req: Request) throws -> UserAccounts {
        UserAccounts(db: req.db, actor: try req.requireCurrent().actor, hasher: req.password)
    }

    // MARK: Password

    struct PasswordInput: Content {
        var currentPassword: String?
        var newPassword: String?
    }

    /// `POST /api/v1/me/password`: 204, or 422 naming the field.
    static func changePassword(_ req: Request) async throws -> HTTPStatus {
        let current = try req.requireCurrent()
        let input = try req.content.decode(PasswordInput.self)
        try await accounts(req).changeOwnPassword(current.user, current: input.currentPassword ?? "", new: input.newPassword ?? "",
                                                  keeping: current.session)
        return .noContent
    }

    static func changePasswordFromForm(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let input = try req.content.decode(PasswordInput.self)
        do {
            try await accounts(req).changeOwnPassword(current.user, current: input.currentPassword ?? "", new: input.newPassword ?? "",
                                                      keeping: current.session)
            return req.redirect(to: path + "?changed=1")
        } catch let error as FieldError {
            return try await render(req, state: FormState(errors: ValidationErrors([error])), status: .unprocessableEntity)
        }
    }

    static func page(_ req: Request) async throws -> Response {
        try await render(req, state: FormState())
    }

    private static func render(_ req: Request, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let factor = try await SecondFactor.confirmed(for: current.user.id!, on: req.db)
        let changed = req.query[String.self, at: "changed"] == "1"
        return try await req.page("账户安全", status: status) {
            if changed { notice("密码已修改，您在其他设备上的登录已失效。", tone: "ok") }
            el("section", .class("card")) {
                el("h2") { "二次验证（动态口令）" }
                if let factor {
                    el("p") { "已启用：登录时除密码外还须输入身份验证器应用的 6 位动态口令。剩余恢复码 \(factor.recoveryHashList.count) 个。" }
                } else {
                    el("p") { "未启用。启用后，即使密码泄露，他人也无法登录您的账户。" }
                }
                el("a", .class("button"), .href(secondFactorPath)) { factor == nil ? "启用二次验证" : "重新绑定（更换手机）" }
            }
            el("section", .class("card")) {
                el("h2") { "修改密码" }
                el("form", Attribute("method", "post"), Attribute("action", path + "/password"), Attribute("novalidate", nil)) {
                    errorSummary(state)
                    csrfField(current.session.csrfToken)
                    textField("currentPassword", label: "当前密码", state: state, type: "password", required: true,
                              autocomplete: "current-password")
                    textField("newPassword", label: "新密码", state: state, type: "password", required: true,
                              hint: "至少\(PasswordPolicy.minimumLength)位，含字母、数字、符号中的两类", autocomplete: "new-password")
                    submitButton("修改密码")
                }
            }
        }
    }

    // MARK: Second factor

    /// The enrolment page: a button that creates a new secret, or — when one is waiting — the secret and the form
    /// that confirms it with a first code.
    static func secondFactorPage(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let pending = try await SecondFactor.query(on: req.db).filter(\.$user.$id == current.user.id!).filter(\.$confirmedAt == nil).first()
        return try await renderEnrolment(req, pending: pending, state: FormState())
    }

    /// Creates a new, unconfirmed secret (replacing an unconfirmed one); a confirmed factor keeps guarding logins until
    /// the new one is confirmed.
    static func startEnrolment(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let userID = current.user.id!
        let sealed = try req.dataProtection.encrypt(TOTP.generate().base32)
        try await req.db.transaction { tx in
            try await SecondFactor.query(on: tx).filter(\.$user.$id == userID).filter(\.$confirmedAt == nil).delete()
            try await SecondFactor(userID: userID, sealedSecret: sealed).create(on: tx)
        }
        return req.redirect(to: secondFactorPath)
    }

    /// Confirms the waiting secret with a code from the app: it replaces any earlier factor, ten recovery codes are shown
    /// once, and an administrator's enrolment-stage session becomes a complete one.
    static func confirmEnrolment(_ req: Request) async throws -> Response {
        let current = try req.requireCurrent()
        let userID = current.user.id!
        struct Form: Content { var code: String? }
        let code = try req.content.decode(Form.self).code ?? ""
        guard let pending = try await SecondFactor.query(on: req.db).filter(\.$user.$id == userID).filter(\.$confirmedAt == nil).first() else {
            return req.redirect(to: secondFactorPath)
        }
        let secret = Base32.decode(try req.dataProtection.decrypt(pending.secret)) ?? []
        guard let step = TOTP(secret: secret).matchingStep(code, at: Date()) else {
            var state = FormState()
            state.errors.add("code", "动态口令不正确：请确认手机时间准确，并输入应用当前显示的 6 位数字")
            return try await renderEnrolment(req, pending: pending, state: state, status: .unprocessableEntity)
        }
        let codes = SecondFactor.newRecoveryCodes()
        pending.confirmedAt = Date()
        pending.lastStep = step
        pending.recoveryHashList = codes.map(SecondFactor.hash(recoveryCode:))
        try await req.db.transaction { tx in
            try await SecondFactor.query(on: tx).filter(\.$user.$id == userID).filter(\.$id != pending.id!).delete()
            try await pending.update(on: tx)
            try await AuditLog.record(on: tx, actor: current.actor, action: "enrol-second-factor", entityType: "user",
                                      entityID: userID.uuidString, before: nil, after: nil)
        }
        let response = try await req.page("二次验证已启用") {
            notice("二次验证已启用。以后登录时，请在输入密码后输入身份验证器应用中的动态口令。", tone: "ok")
            el("section", .class("card")) {
                el("h2") { "恢复码（只显示这一次）" }
                el("p") { "手机丢失或无法使用时，可用下列任一恢复码代替动态口令登录，每个只能使用一次。请打印或抄写后妥善保管。" }
                el("ul", .class("recovery-codes")) { for code in codes { el("li") { el("code") { code } } } }
                el("a", .class("button primary"), .href("/")) { "继续" }
            }
        }
        if current.session.stage == .enrolment {
            let issued = try await req.staffSessions.complete(current.session, user: current.user, action: "login:enrolment-ok")
            SessionController.setSessionCookie(response, token: issued.token, req: req)
        }
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    private static func renderEnrolment(_ req: Request, pending: SecondFactor?, state: FormState,
                                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let mustEnrol = current.session.stage == .enrolment
        let totp = try pending.map { TOTP(secret: Base32.decode(try req.dataProtection.decrypt($0.secret)) ?? []) }
        return try await req.page("启用二次验证", status: status) {
            if mustEnrol { notice("管理员账户必须启用二次验证（等保三级要求双因素认证），完成后方可使用系统。", tone: "warn") }
            el("section", .class("card")) {
                el("h2") { "第一步：在手机上安装身份验证器应用" }
                el("p") { "任一支持 TOTP 标准的应用均可，如 Microsoft Authenticator、Google Authenticator、FreeOTP，或微信/支付宝中的身份验证器小程序。" }
                if let totp {
                    el("h2") { "第二步：在应用中添加账户" }
                    el("p") { "选择“手动输入密钥”，账户名填写 \(current.user.username)，密钥如下（基于时间，6 位数字，30 秒）：" }
                    el("p") { el("code", .id("totp-secret"), .class("secret")) { totp.base32 } }
                    el("p", .class("hint")) { "或在支持链接的应用中打开：" }
                    el("p") { el("code", .id("totp-uri"), .class("secret")) { totp.uri(account: current.user.username, issuer: issuer) } }
                    el("h2") { "第三步：输入应用显示的动态口令" }
                    el("form", Attribute("method", "post"), Attribute("action", secondFactorPath + "/confirm"), Attribute("novalidate", nil)) {
                        errorSummary(state)
                        csrfField(current.session.csrfToken)
                        textField("code", label: "动态口令", state: state, required: true, autocomplete: "one-time-code")
                        submitButton("确认启用")
                    }
                } else {
                    el("form", Attribute("method", "post"), Attribute("action", secondFactorPath + "/start")) {
                        csrfField(current.session.csrfToken)
                        submitButton("生成密钥")
                    }
                }
            }
        }
    }
}
