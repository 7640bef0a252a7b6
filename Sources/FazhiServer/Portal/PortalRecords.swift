import Fluent
import FazhiCore
import SQLKit
import Vapor

/// A resident's or a company's account on the public portal: a mobile number proven by a one-time code, then who they
/// are (a person with a GB 11643 ID number, or an organisation with its GB 32100 credit code and an authorised person).
/// Personal data is encrypted at rest like a party's; the number and the ID number are found by their keyed hashes.
final class PortalAccount: Model, @unchecked Sendable {
    static let schema = "portal_accounts"

    @ID(key: .id) var id: UUID?
    @Field(key: "phone_hash") var phoneHash: String
    @Field(key: "phone_encrypted") var phoneEncrypted: String
    /// `person` or `organisation`; nil until the profile is given.
    @OptionalField(key: "kind") var kind: String?
    @OptionalField(key: "name") var name: String?
    @OptionalField(key: "id_number_encrypted") var idNumberEncrypted: String?
    @OptionalField(key: "id_number_hash") var idNumberHash: String?
    @OptionalField(key: "credit_code") var creditCode: String?
    /// The person acting for an organisation (经办人).
    @OptionalField(key: "authorised_person") var authorisedPerson: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    /// Whether the account has said who it is: applying needs it.
    var hasProfile: Bool { kind != nil && name != nil }

    /// A new account for a mobile number proven by its code (the number found again by its keyed hash).
    static func open(phone: String, protection: DataProtection, at now: Date, on db: Database) async throws -> PortalAccount {
        let account = PortalAccount()
        account.id = UUID()
        account.phoneHash = protection.lookupHash(phone)
        account.phoneEncrypted = try protection.encrypt(phone)
        account.createdAt = now
        try await account.create(on: db)
        return account
    }
}

/// A signed-in portal session; like a staff session only the token's SHA-256 is stored.
final class PortalSession: Model, @unchecked Sendable {
    static let schema = "portal_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "account_id") var account: PortalAccount
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}

/// A one-time code sent to a number: only its hash is kept, with its expiry, wrong tries and use.
final class PortalCode: Model, @unchecked Sendable {
    static let schema = "portal_codes"

    @ID(key: .id) var id: UUID?
    @Field(key: "phone_hash") var phoneHash: String
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "ip") var ip: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}
}

/// An application made on the portal: a draft the resident fills in as they go, then — once, however often the button
/// is pressed — the case it became through the line's own registration, with the receipt code that follows it.
final class PortalApplicationRecord: Model, @unchecked Sendable {
    static let schema = "portal_applications"

    @ID(key: .id) var id: UUID?
    @Parent(key: "account_id") var account: PortalAccount
    /// The application kind's code (`PortalApplication.code`).
    @Field(key: "kind") var kind: String
    /// `draft` or `submitted`.
    @Field(key: "state") var state: String
    /// The form's values as JSON (field name → text).
    @Field(key: "form") var form: String
    /// When the applicant agreed to electronic service (电子送达), as the law requires it be recorded.
    @OptionalField(key: "service_consent_at") var serviceConsentAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "case_id") var caseID: UUID?
    @OptionalField(key: "receipt_hash") var receiptHash: String?
    @OptionalField(key: "receipt_encrypted") var receiptEncrypted: String?

    init() {}

    var values: [String: String] {
        get { (try? JSONDecoder().decode([String: String].self, from: Data(form.utf8))) ?? [:] }
        set { form = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("{}".utf8), as: UTF8.self) }
    }
}

/// A file uploaded with a draft (evidence), moved into the case's attachments when the application is submitted.
final class PortalUpload: Model, @unchecked Sendable {
    static let schema = "portal_uploads"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: PortalApplicationRecord
    @Field(key: "filename") var filename: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    @Field(key: "uploaded_at") var uploadedAt: Date

    init() {}
}

/// 2026-12-05: the public portal's accounts, sessions, one-time codes, applications and their uploads, and the hits the
/// portal's rate limits count.
struct CreatePortalTables: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(PortalAccount.schema)
            .id()
            .field("phone_hash", .string, .required)
            .field("phone_encrypted", .string, .required)
            .field("kind", .string)
            .field("name", .string)
            .field("id_number_encrypted", .string)
            .field("id_number_hash", .string)
            .field("credit_code", .string)
            .field("authorised_person", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "phone_hash")
            .create()
        try await db.schema(PortalSession.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("account_id", .uuid, .required, .references(PortalAccount.schema, "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await db.schema(PortalCode.schema)
            .id()
            .field("phone_hash", .string, .required)
            .field("code_hash", .string, .required)
            .field("ip", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("used_at", .datetime)
            .create()
        try await db.schema(PortalApplicationRecord.schema)
            .id()
            .field("account_id", .uuid, .required, .references(PortalAccount.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("state", .string, .required)
            .field("form", .string, .required)
            .field("service_consent_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("submitted_at", .datetime)
            .field("case_id", .uuid, .references("cases", "id"))
            .field("receipt_hash", .string)
            .field("receipt_encrypted", .string)
            .unique(on: "receipt_hash")
            .create()
        try await db.schema(PortalUpload.schema)
            .id()
            .field("application_id", .uuid, .required, .references(PortalApplicationRecord.schema, "id", onDelete: .cascade))
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("uploaded_at", .datetime, .required)
            .create()
        try await db.schema(RateLimit.schema)
            .id()
            .field("bucket", .string, .required)
            .field("at", .datetime, .required)
            .create()
        if let sql = db as? SQLDatabase {
            try await sql.create(index: "portal_codes_phone_idx").on(PortalCode.schema).column("phone_hash").column("created_at").run()
            try await sql.create(index: "portal_applications_account_idx").on(PortalApplicationRecord.schema).column("account_id").run()
            try await sql.create(index: "portal_applications_case_idx").on(PortalApplicationRecord.schema).column("case_id").run()
            try await sql.create(index: "portal_uploads_application_idx").on(PortalUpload.schema).column("application_id").run()
            try await sql.create(index: "rate_limit_hits_bucket_idx").on(RateLimit.schema).column("bucket").column("at").run()
        }
    }

    func revert(on db: Database) async throws {
        for schema in [RateLimit.schema, PortalUpload.schema, PortalApplicationRecord.schema, PortalCode.schema, PortalSession.schema,
                       PortalAccount.schema] {
            try await db.schema(schema).delete()
        }
    }
}

/// Limits how often something may be done per key (a number, an address, an account) within a window, counted from rows
/// in the database so every app node sees the same count. A hit past the limit is a 429 with `Retry-After` and a Chinese
/// message saying what to wait for.
enum RateLimit {
    static let schema = "rate_limit_hits"

    /// Counts one hit of `bucket` unless `limit` hits are already within the last `window` seconds; throws 429 then.
    static func hit(_ bucket: String, limit: Int, window: Double, what: String, on db: Database, now: Date = Date()) async throws {
        let sql = try db.sql
        let since = now.addingTimeInterval(-window)
        let row = try await sql.raw("SELECT COUNT(*) AS n, MIN(at) AS first FROM \(ident: schema) WHERE bucket = \(bind: bucket) AND at > \(bind: since)").first()
        let count = try row?.decode(column: "n", as: Int.self) ?? 0
        if count >= limit {
            let first = try row?.decode(column: "first", as: Date?.self) ?? now
            let wait = max(1, Int((first.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up)))
            throw RateLimited(message: "\(what)过于频繁，请\(wait >= 120 ? "\(wait / 60)分钟" : "\(wait)秒")后再试", retryAfter: wait)
        }
        try await sql.insert(into: schema).columns("id", "bucket", "at").values(SQLBind(UUID()), SQLBind(bucket), SQLBind(now)).run()
        // Hits older than a day count for nothing: drop them now and then, as the hits come.
        if Int.random(in: 0..<200) == 0 {
            try await sql.delete(from: schema).where("at", .lessThan, now.addingTimeInterval(-86_400)).run()
        }
    }
}

/// Too many tries: answered 429 with `Retry-After`.
struct RateLimited: AbortError {
    let message: String
    let retryAfter: Int

    var status: HTTPResponseStatus { .tooManyRequests }
    var reason: String { message }
    var headers: HTTPHeaders { ["Retry-After": String(retryAfter)] }
}
