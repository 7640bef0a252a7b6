import FazhiCore
import FazhiOffice
import FluentPostgresDriver
import Vapor

/// The one error shape of the API: `{"error":{"code","message","field"}}`, plus every field error when there are several.
struct APIErrorBody: Content {
    struct Detail: Content {
        let code: String
        let message: String
        let field: String?
        let errors: [FieldDetail]?

        /// `field` is always present (null when the error is not about one field), as the API contract says.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(message, forKey: .message)
            try container.encode(field, forKey: .field)
            try container.encodeIfPresent(errors, forKey: .errors)
        }
    }

    struct FieldDetail: Content {
        let field: String
        let message: String
    }

    let error: Detail
}

/// Maps every error to an HTTP status and a Chinese message, in one place: JSON under `/api/`, an HTML page elsewhere.
struct FazhiErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, detail) = Self.describe(error)
            if status == .internalServerError {
                request.logger.report(error: error)
            }
            let response: Response
            if request.url.path.hasPrefix("/api/") {
                response = Response(status: status)
                try response.content.encode(APIErrorBody(error: detail))
            } else {
                response = ErrorPage(status: status, message: detail.message).response(for: request)
            }
            // An error that says how long to wait (a rate limit's Retry-After) keeps its headers.
            if let abort = error as? AbortError {
                for (name, value) in abort.headers where name.lowercased() != "content-type" { response.headers.replaceOrAdd(name: name, value: value) }
            }
            if DatabaseBusy.matches(error) {
                request.logger.warning("database busy, answered 503: \(String(reflecting: error))")
                response.headers.replaceOrAdd(name: .retryAfter, value: String(DatabaseBusy.retryAfterSeconds))
            }
            return response
        }
    }

    static func describe(_ error: Error) -> (HTTPResponseStatus, APIErrorBody.Detail) {
        if DatabaseBusy.matches(error) {
            // Nothing was written and sending the same request again is safe: "try later", never an internal error.
            return (.serviceUnavailable, .init(code: "database_busy", message: DatabaseBusy.message, field: nil, errors: nil))
        }
        switch error {
        case let errors as ValidationErrors:
            let first = errors.errors.first
            return (.unprocessableEntity, .init(
                code: first?.code ?? "validation_failed", message: first?.message ?? "输入有误",
                field: first?.field,
                errors: errors.errors.map { .init(field: $0.field, message: $0.message) }
            ))
        case let error as QueryParameterError:
            return (.badRequest, .init(code: "invalid_query", message: error.message, field: error.field, errors: nil))
        case let error as SpreadsheetError:
            return (error.status, .init(code: error.code, message: error.description, field: "file", errors: nil))
        case let error as DomainError:
            return (.unprocessableEntity, .init(code: error.code, message: error.message, field: error.invalidField, errors: nil))
        case let failure as StaffSessions.Failure:
            switch failure {
            case .invalidCredentials:
                return (.unauthorized, .init(code: "invalid_credentials", message: "用户名或密码错误", field: nil, errors: nil))
            case .locked(let until):
                let minutes = max(1, Int((until.timeIntervalSinceNow / 60).rounded(.up)))
                return (.tooManyRequests, .init(
                    code: "account_locked", message: "连续登录失败次数过多，账户已锁定，请\(minutes)分钟后再试",
                    field: nil, errors: nil))
            case .secondFactorRequired:
                return (.unauthorized, .init(code: "second_factor_required", message: "该账户已启用二次验证，请同时提供动态口令（totp）",
                                             field: "totp", errors: nil))
            case .invalidSecondFactor:
                return (.unauthorized, .init(code: "invalid_second_factor", message: "动态口令或恢复码不正确，或已使用过",
                                             field: "totp", errors: nil))
            case .enrolmentRequired:
                return (.forbidden, .init(code: "second_factor_enrolment_required",
                                          message: "管理员须先在浏览器登录并绑定动态口令（二次验证），之后才能使用接口", field: "totp", errors: nil))
            }
        case let abort as AbortError:
            let identifier = (abort as? Abort)?.identifier
            let code = identifier.flatMap { $0 == String(abort.status.code) ? nil : $0 } ?? Self.code(for: abort.status)
            let message = abort.reason == abort.status.reasonPhrase ? Self.message(for: abort.status) : abort.reason
            return (abort.status, .init(code: code, message: message, field: nil, errors: nil))
        case let decoding as DecodingError:
            return (.badRequest, .init(code: "bad_request", message: "请求格式有误：\(Self.describe(decoding))",
                                       field: Self.field(of: decoding), errors: nil))
        case let error where isMalformedMultipart(error):
            return (.badRequest, .init(code: "bad_request", message: "请求格式有误：上传内容不是有效的 multipart/form-data", field: nil, errors: nil))
        case let error where isUnstorableText(error):
            // The fields check their text (`PlainText`); an input that still carries a character PostgreSQL cannot
            // store (NUL) is refused here, nothing written, rather than answered as the server's fault.
            return (.unprocessableEntity, .init(code: "control_character", message: "输入含有不允许的控制字符（如 NUL），未作任何修改",
                                                field: nil, errors: nil))
        default:
            return (.internalServerError, .init(code: "internal_error", message: "服务器内部错误", field: nil, errors: nil))
        }
    }

    /// PostgreSQL refused a text it cannot store: invalid byte sequence (22021, a NUL) or untranslatable character (22P05).
    static func isUnstorableText(_ error: Error) -> Bool {
        guard let postgres = error as? PSQLError, let state = postgres.serverInfo?[.sqlState] else { return false }
        return state == "22021" || state == "22P05"
    }

    /// MultipartKit's parser throws a type of its own, not public, for a body that is not valid multipart: it is the
    /// client's mistake (400), recognised by the module the error type comes from.
    static func isMalformedMultipart(_ error: Error) -> Bool {
        String(reflecting: type(of: error)).hasPrefix("MultipartKit.")
    }

    /// A body that is not what its `Content-Type` says: MultipartKit's syntax errors and `CheckedFormDataDecoder`'s
    /// refusals.
    static func isMalformedBody(_ error: Error) -> Bool {
        isMalformedMultipart(error) || (error as? Abort)?.status == .badRequest
    }

    static func code(for status: HTTPResponseStatus) -> String {
        switch status {
        case .notFound: "not_found"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .conflict: "conflict"
        case .badRequest: "bad_request"
        default: "http_\(status.code)"
        }
    }

    static func message(for status: HTTPResponseStatus) -> String {
        switch status {
        case .notFound: "未找到该页面或记录"
        case .unauthorized: "请先登录"
        case .forbidden: "无权执行此操作"
        case .conflict: "记录已被他人修改，请刷新后重试"
        case .badRequest: "请求格式有误"
        case .payloadTooLarge: "上传的内容过大"
        default: status.reasonPhrase
        }
    }

    static func field(of error: DecodingError) -> String? {
        switch error {
        case .keyNotFound(let key, let context): (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            context.codingPath.map(\.stringValue).joined(separator: ".")
        @unknown default: nil
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound: "缺少必填字段"
        case .typeMismatch: "字段类型不正确"
        case .valueNotFound: "字段值不能为空"
        case .dataCorrupted: "数据格式不正确"
        @unknown default: "数据格式不正确"
        }
    }
}

extension SpreadsheetError {
    /// 413 when the file passed one of `SpreadsheetLimits`, 422 when it is damaged or not a spreadsheet.
    var status: HTTPResponseStatus { isLimit ? .payloadTooLarge : .unprocessableEntity }

    var code: String { isLimit ? "spreadsheet_too_large" : "spreadsheet_invalid" }
}
