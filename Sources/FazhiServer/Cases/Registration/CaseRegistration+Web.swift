import FazhiCore
import Vapor

extension CaseRegistration {
    /// The registration's routes: `POST /api/v1/<api path>/cases` (JSON, described in the OpenAPI document from the
    /// fields), and the form at `<base>/new` posting to `<base>`.
    func routes<Detail>(_ routes: RoutesBuilder, api: CaseAPI<Rules, Detail>, base: String) {
        let registration = self
        routes.post("api", "v1", PathComponent(stringLiteral: api.path), "cases") { req async throws -> Response in
            let body = try req.content.decode(RegistrationBody.self)
            let record = try await registration.register(body.input, in: try await req.registrationContext(), today: ChinaTime.today)
            return try await api.answer(req, with: record, status: .created)
        }.openAPI(summary, tag: api.path, body: openAPISchema, responses: [201: "已登记（含案号与期限）", 422: "输入有误（field 指明字段）"])
        let segment = PathComponent(stringLiteral: String(base.dropFirst()))
        routes.get(segment, "new") { req async throws -> Response in
            try await registration.renderForm(req, base: base, state: FormState(values: registration.formDefaults(today: ChinaTime.today)))
        }
        routes.post(segment) { req async throws -> Response in
            let form = try req.content.decode([String: String].self)
            do {
                let record = try await registration.register(registration.input(fromForm: form), in: try await req.registrationContext(),
                                                             today: ChinaTime.today)
                return req.redirect(to: "\(base)/\(record.id!)")
            } catch let errors as ValidationErrors {
                let mapped = ValidationErrors(errors.errors.map {
                    FieldError(field: registration.formField(ofField: $0.field), message: $0.message, code: $0.code)
                })
                return try await registration.renderForm(req, base: base, state: FormState(values: form, errors: mapped),
                                                         status: .unprocessableEntity)
            }
        }
    }

    // MARK: The API body

    /// The JSON Schema of the API body, from the fields.
    var openAPISchema: [String: Any] {
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        var properties: [String: Any] = [
            "orgID": uuid.merging(["description": "办理机构（默认为本人办理该业务的机构）"]) { $1 },
            "handlerID": uuid.merging(["description": "承办人（仅科室负责人可在登记时指定）"]) { $1 },
        ]
        for field in fields {
            var schema: [String: Any]
            switch field.kind {
            case .date: schema = ["type": "string", "format": "date"]
            case .text(let maxLength, _): schema = ["type": "string", "maxLength": maxLength]
            case .choice(let options, let defaultCode):
                schema = ["type": "string", "enum": options.map(\.code)]
                if let defaultCode { schema["default"] = defaultCode }
            case .flag(let defaultValue): schema = ["type": "boolean", "default": defaultValue]
            case .integer(let range, _): schema = ["type": "integer", "minimum": range.lowerBound, "maximum": range.upperBound]
            case .agency: schema = uuid
            case .lookup: schema = ["type": "string"]
            case .parties:
                schema = ["type": "array", "maxItems": RegistrationField.partyLimit, "items": Self.partySchema]
                if field.required { schema["minItems"] = 1 }
            }
            schema["description"] = field.hint.map { "\(field.label)（\($0)）" } ?? field.label
            properties[field.name] = schema
        }
        return ["type": "object", "required": fields.filter(\.required).map(\.name), "properties": properties]
    }

    private static var partySchema: [String: Any] {
        ["type": "object", "required": ["name"], "properties": [
            "kind": ["type": "string", "enum": ["person", "organisation"], "default": "person"],
            "name": ["type": "string", "maxLength": 100],
            "idNumber": ["type": "string", "description": "公民身份号码（GB 11643）"],
            "creditCode": ["type": "string", "description": "统一社会信用代码（GB 32100）"],
            "phone": ["type": "string"], "address": ["type": "string"],
            "legalRepresentative": ["type": "string", "maxLength": PartyInput.legalRepresentativeLimit,
                                    "description": "法定代表人或主要负责人（组织）"],
        ] as [String: Any]]
    }

    // MARK: The form

    /// The form's values when it opens: today's date where the field says so, each choice's and flag's default.
    func formDefaults(today: CivilDate) -> [String: String] {
        var values: [String: String] = [:]
        for field in fields {
            switch field.kind {
            case .date(_, true): values[field.name] = today.description
            case .choice(_, let defaultCode?): values[field.name] = defaultCode
            case .flag(true): values[field.name] = "on"
            case .parties(let role, _, .full): values[role + "Kind"] = "person"
            default: break
            }
        }
        return values
    }

    /// The input a posted form carries: one party per role, its particulars in flat fields (`applicantName`).
    func input(fromForm form: [String: String]) -> RegistrationInput {
        func value(_ key: String) -> String? { form[key]?.nonEmpty }
        var input = RegistrationInput()
        if let office = value("orgID") { input["orgID"] = .text(office) }
        for field in fields {
            switch field.kind {
            case .flag: input[field.name] = .flag(form[field.name] == "on")
            case .parties(let role, _, let partyForm):
                guard partyForm != .hidden else { continue }
                let name = value(role + "Name")
                // A required party is always sent (its empty name is the error); an optional one only when named.
                guard field.required || name != nil else { continue }
                input[field.name] = .parties([PartyInput(
                    role: role, kind: partyForm == .full ? value(role + "Kind") ?? "person" : "person", name: name,
                    idNumber: value(role + "IdNumber"), creditCode: value(role + "CreditCode"), phone: value(role + "Phone"),
                    address: value(role + "Address"), legalRepresentative: value(role + "LegalRepresentative"))])
            default:
                if let text = value(field.name) { input[field.name] = .text(text) }
            }
        }
        return input
    }

    /// The form field an error's field lands under: `applicants[0].idNumber` → `applicantIdNumber`, `applicants` →
    /// `applicantName`.
    func formField(ofField path: String) -> String {
        for field in fields {
            guard let party = field.partyRole else { continue }
            if path == field.name { return party.role + "Name" }
            if path.hasPrefix(field.name + "["), let dot = path.firstIndex(of: ".") {
                let rest = path[path.index(after: dot)...]
                return party.role + rest.prefix(1).uppercased() + rest.dropFirst()
            }
        }
        return path
    }

    func renderForm(_ req: Request, base: String, state: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let current = try req.requireCurrent()
        let needsAgencies = fields.contains { if case .agency = $0.kind { true } else { false } }
        let agencies = needsAgencies ? try await OrgDirectory.agencies(for: line, scope: try req.scope, on: req.db) : []
        let options = agencies.map { ($0.id!.uuidString, $0.name) }
        var lookups: [String: [(String, String)]] = [:]
        if let home = try req.scope.homeOrg(for: line) {
            for field in fields {
                if case .lookup(let lookup) = field.kind { lookups[field.name] = try await lookup.load(req.db, home).map { ($0.code, $0.label) } }
            }
        }
        // Consecutive fields of one section share a fieldset.
        var sections: [(legend: String?, fields: [RegistrationField])] = []
        for field in fields {
            if let last = sections.last, last.legend == field.section {
                sections[sections.count - 1].fields.append(field)
            } else {
                sections.append((field.section, [field]))
            }
        }
        let offices = try await self.offices?(req.db, try req.scope) ?? []
        var officeState = state
        if officeState.values["orgID"] == nil, let home = try req.scope.homeOrg(for: line), offices.contains(where: { $0.id == home }) {
            officeState.values["orgID"] = home.uuidString
        }
        return try await req.page(title, status: status) {
            el("form", Attribute("method", "post"), Attribute("action", base), .class("card"), Attribute("novalidate", nil), .id("register")) {
                errorSummary(state)
                csrfField(current.session.csrfToken)
                if offices.count > 1 {
                    selectField("orgID", label: "办理机构", options: offices.map { ($0.id.uuidString, $0.name) }, state: officeState, required: true)
                }
                for section in sections {
                    if let legend = section.legend {
                        el("fieldset") {
                            el("legend") { legend }
                            for field in section.fields { field.formMarkup(state: state, agencies: options, lookups: lookups) }
                        }
                    } else {
                        for field in section.fields { field.formMarkup(state: state, agencies: options, lookups: lookups) }
                    }
                }
                submitButton("登记")
            }
        }
    }
}

extension RegistrationField {
    /// The field on a form (staff registration, the portal's application): its input, label, hint and error.
    func formMarkup(state: FormState, agencies: [(String, String)], lookups: [String: [(String, String)]]) -> [Markup] {
        let field = self
        let name = field.name
        switch field.kind {
        case .date:
            return [textField(name, label: field.label, state: state, type: "date", required: field.required, hint: field.hint)]
        case .text(_, let rows?):
            return [textArea(name, label: field.label, state: state, rows: rows)]
        case .text:
            return [textField(name, label: field.label, state: state, required: field.required, hint: field.hint)]
        case .choice(let options, let defaultCode):
            return [selectField(name, label: field.label, options: options.map { ($0.code, $0.label) }, state: state,
                                required: field.required || defaultCode != nil, blank: defaultCode == nil ? "请选择" : nil)]
        case .integer(let range, let unit):
            return [textField(name, label: "\(field.label)（\(unit)）", state: state, type: "number", required: field.required,
                              hint: field.hint ?? "\(range.lowerBound)至\(range.upperBound)的整数")]
        case .flag:
            return [el("div", .class("field checkbox")) {
                el("input", .type("checkbox"), .id("f-" + name), .name(name), .flag("checked", state[name] == "on"))
                el("label", .for("f-" + name)) { field.label }
            }]
        case .agency:
            return [selectField(name, label: field.label, options: agencies, state: state, required: field.required)]
        case .lookup:
            return [selectField(name, label: field.label, options: lookups[name] ?? [], state: state, required: field.required)]
        case .parties(let role, let roleLabel, .full):
            return [
                selectField(role + "Kind", label: "\(roleLabel)类型", options: [("person", "自然人"), ("organisation", "法人或其他组织")],
                            state: state, required: true, blank: nil),
                textField(role + "Name", label: "\(roleLabel)姓名或名称" + (field.required ? "" : "（如有）"), state: state,
                          required: field.required),
                textField(role + "IdNumber", label: "\(roleLabel)公民身份号码", state: state, hint: "18位，校验位按 GB 11643 校验"),
                textField(role + "CreditCode", label: "\(roleLabel)统一社会信用代码", state: state, hint: "组织填写，按 GB 32100 校验"),
                textField(role + "LegalRepresentative", label: "\(roleLabel)法定代表人或主要负责人", state: state, hint: "组织填写"),
                textField(role + "Phone", label: "\(roleLabel)联系电话", state: state),
                textField(role + "Address", label: "\(roleLabel)住所或送达地址", state: state),
            ]
        case .parties(let role, let roleLabel, .nameAndPhone):
            return [
                textField(role + "Name", label: "\(roleLabel)姓名" + (field.required ? "" : "（如有）"), state: state, required: field.required),
                textField(role + "Phone", label: "\(roleLabel)电话", state: state),
            ]
        case .parties(_, _, .hidden):
            return []
        }
    }
}

/// An API registration body: each key read as what it holds (text, yes or no, a list of parties), so a value of the
/// wrong type is a field error naming the field, not a refused body.
struct RegistrationBody: Decodable {
    private(set) var input = RegistrationInput()

    private struct Key: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys where try !container.decodeNil(forKey: key) {
            if let text = try? container.decode(String.self, forKey: key) {
                input[key.stringValue] = .text(text)
            } else if let flag = try? container.decode(Bool.self, forKey: key) {
                input[key.stringValue] = .flag(flag)
            } else if let number = try? container.decode(Int.self, forKey: key) {
                input[key.stringValue] = .text(String(number))
            } else if let parties = try? container.decode([PartyInput].self, forKey: key) {
                input[key.stringValue] = .parties(parties)
            } else {
                input[key.stringValue] = .invalid
            }
        }
    }
}
