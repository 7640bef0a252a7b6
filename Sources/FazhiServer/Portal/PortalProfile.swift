import Fluent
import FazhiCore
import Vapor

/// Who the account is (实名): a person with name and citizen ID number (GB 11643), or an organisation with its name,
/// unified social credit code (GB 32100) and the person acting for it. Checked by the same rules as a party registered
/// at the counter (`PartyInput.validate`); the ID number is encrypted, and found again only by its keyed hash.
enum PortalProfile {
    static func form(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let account = resident.account
        var values = ["kind": account.kind ?? "person", "name": account.name ?? "", "creditCode": account.creditCode ?? "",
                      "authorisedPerson": account.authorisedPerson ?? ""]
        if let sealed = account.idNumberEncrypted { values["idNumber"] = try req.dataProtection.decrypt(sealed) }
        values["next"] = PortalModule.safeNext(try? req.query.get(String.self, at: "next"))
        return page(req, resident: resident, state: FormState(values: values))
    }

    static func page(_ req: Request, resident: ResidentSession, state: FormState, status: HTTPResponseStatus = .ok) -> Response {
        req.portalPage("我的资料", status: status) {
            if !resident.account.hasProfile {
                el("p", .class("lead")) { "请先填写实名信息。申请时将以此作为申请人信息，请与证件保持一致。" }
            }
            el("form", Attribute("method", "post"), Attribute("action", "/portal/profile"), .class("card"), Attribute("novalidate", nil)) {
                errorSummary(state)
                csrfField(resident.session.csrfToken)
                el("input", .type("hidden"), .name("next"), .value(state["next"]))
                selectField("kind", label: "申请人类型", options: [("person", "个人"), ("organisation", "企业或其他组织")], state: state,
                            required: true, blank: nil)
                textField("name", label: "姓名或单位名称", state: state, required: true, autocomplete: "name")
                textField("idNumber", label: "公民身份号码（个人填写）", state: state, hint: "18位，末位可为X")
                textField("creditCode", label: "统一社会信用代码（单位填写）", state: state, hint: "18位")
                textField("authorisedPerson", label: "经办人姓名（单位填写）", state: state)
                submitButton("保存")
            }
        }
    }

    static func save(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let form = try req.content.decode([String: String].self)
        func value(_ key: String) -> String? {
            form[key].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap(\.nonEmpty)
        }
        let kind = value("kind") ?? "person"
        var errors = ValidationErrors()
        let party = PartyInput(role: "applicant", kind: kind, name: value("name"), idNumber: kind == "person" ? value("idNumber") : nil,
                               creditCode: kind == "organisation" ? value("creditCode") : nil)
        party.validate(at: "profile", errors: &errors, today: ChinaTime.today)
        if kind == "person", value("idNumber") == nil { errors.add("idNumber", "请填写公民身份号码") }
        if kind == "organisation" {
            if value("creditCode") == nil { errors.add("creditCode", "请填写统一社会信用代码") }
            if let person = value("authorisedPerson") {
                if person.count > 50 { errors.add("authorisedPerson", "经办人姓名不能超过50个字符") }
                if let problem = PlainText.problem(person, field: "authorisedPerson", label: "经办人姓名") { errors.errors.append(problem) }
            } else {
                errors.add("authorisedPerson", "请填写经办人姓名")
            }
        }
        // The party rules name `profile.name` and so on; the form's fields are `name`.
        let mapped = ValidationErrors(errors.errors.map {
            FieldError(field: $0.field.hasPrefix("profile.") ? String($0.field.dropFirst("profile.".count)) : $0.field, message: $0.message,
                       code: $0.code)
        })
        guard mapped.isEmpty else {
            return page(req, resident: resident, state: FormState(values: form, errors: mapped), status: .unprocessableEntity)
        }
        try await record(kind: kind, name: value("name") ?? "", idNumber: value("idNumber"), creditCode: value("creditCode"),
                         authorisedPerson: value("authorisedPerson"), of: resident.account, protection: req.dataProtection, on: req.db)
        let next = PortalModule.safeNext(form["next"])
        return req.redirect(to: next.isEmpty ? "/portal/matters" : next)
    }

    /// Writes who the account is, as checked by `save` (a person's ID number sealed and hashed; an organisation's
    /// code and the person acting for it), with its audit row.
    static func record(kind: String, name: String, idNumber: String?, creditCode: String?, authorisedPerson: String?, of account: PortalAccount,
                       protection: DataProtection, on db: Database) async throws {
        let before = ["kind": account.kind ?? "", "name": account.name ?? ""]
        account.kind = kind
        account.name = name
        if kind == "person", let id = idNumber?.uppercased() {
            account.idNumberEncrypted = try protection.encrypt(id)
            account.idNumberHash = protection.lookupHash(id)
            account.creditCode = nil
            account.authorisedPerson = nil
        } else {
            account.idNumberEncrypted = nil
            account.idNumberHash = nil
            account.creditCode = creditCode?.uppercased()
            account.authorisedPerson = authorisedPerson
        }
        try await db.transaction { tx in
            try await account.update(on: tx)
            try await AuditLog.record(on: tx, actor: .resident(account), action: "portal:profile", entityType: "portalAccount",
                                      entityID: account.id!.uuidString, before: before, after: ["kind": kind, "name": name])
        }
    }

    /// The account as the applicant of a new case.
    static func applicant(_ account: PortalAccount, protection: DataProtection) throws -> PartyInput {
        PartyInput(role: "applicant", kind: account.kind, name: account.name,
                   idNumber: try account.idNumberEncrypted.map(protection.decrypt), creditCode: account.creditCode,
                   phone: try protection.decrypt(account.phoneEncrypted))
    }
}
