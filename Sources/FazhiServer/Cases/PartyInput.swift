import Fluent
import FazhiCore
import Vapor

/// A party as entered at registration (API JSON or form): validated with the Identity rules of Core,
/// stored with its personal data encrypted.
struct PartyInput: Content, Sendable {
    var role: String?
    /// `person` or `organisation`.
    var kind: String?
    var name: String?
    var idNumber: String?
    var creditCode: String?
    var phone: String?
    var address: String?
    /// An organisation's legal representative or principal.
    var legalRepresentative: String?

    static let legalRepresentativeLimit = 50

    /// How the party appears in a case title, which queues, drill-downs and exports show to every reader: a person by
    /// the masked name (张*), an organisation by its name.
    var titleName: String { Self.titleName(name ?? "", kind: kind ?? "person") }

    static func titleName(_ name: String, kind: String) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        return kind == "organisation" ? trimmed : Masking.name(trimmed)
    }

    /// Adds every broken rule to `errors`, with field names like `applicants[0].idNumber`.
    func validate(at path: String, errors: inout ValidationErrors, today: CivilDate) {
        let name = self.name?.trimmingCharacters(in: .whitespaces) ?? ""
        if name.isEmpty { errors.add("\(path).name", "姓名或名称不能为空") }
        if name.count > 100 { errors.add("\(path).name", "姓名或名称不能超过100个字符") }
        for (key, label, value) in [("name", "姓名或名称", name), ("address", "住所或送达地址", address ?? ""),
                                    ("legalRepresentative", "法定代表人", legalRepresentative ?? "")] {
            if let problem = PlainText.problem(value, field: "\(path).\(key)", label: label) { errors.errors.append(problem) }
        }
        switch kind ?? "person" {
        case "person":
            if let id = idNumber?.trimmingCharacters(in: .whitespaces), !id.isEmpty,
               let error = IDNumber.validate(id, field: "\(path).idNumber", today: today) {
                errors.errors.append(error)
            }
        case "organisation":
            if let code = creditCode?.trimmingCharacters(in: .whitespaces), !code.isEmpty,
               let error = CreditCode.validate(code, field: "\(path).creditCode") {
                errors.errors.append(error)
            }
        default:
            errors.add("\(path).kind", "当事人类型须为自然人（person）或组织（organisation）")
        }
        if let phone = phone?.trimmingCharacters(in: .whitespaces), !phone.isEmpty,
           let error = PhoneNumber.validate(phone, field: "\(path).phone") {
            errors.errors.append(error)
        }
        if let representative = legalRepresentative?.trimmingCharacters(in: .whitespaces), !representative.isEmpty {
            if kind == "person" || kind == nil {
                errors.add("\(path).legalRepresentative", "法定代表人只适用于法人或其他组织")
            } else if representative.count > Self.legalRepresentativeLimit {
                errors.add("\(path).legalRepresentative", "法定代表人不能超过\(Self.legalRepresentativeLimit)个字符")
            }
        }
    }

    /// The row to store, personal data encrypted.
    func record(role: String, caseID: UUID, protection: DataProtection) throws -> PartyRecord {
        let party = PartyRecord()
        party.id = UUID()
        party.$caseRecord.id = caseID
        party.role = role
        party.kind = kind ?? "person"
        party.name = name!.trimmingCharacters(in: .whitespaces)
        if let id = idNumber?.trimmingCharacters(in: .whitespaces).uppercased(), !id.isEmpty {
            party.idNumberEncrypted = try protection.encrypt(id)
            party.idNumberHash = protection.lookupHash(id)
        }
        if let code = creditCode?.trimmingCharacters(in: .whitespaces).uppercased(), !code.isEmpty { party.creditCode = code }
        if let phone = phone?.trimmingCharacters(in: .whitespaces), !phone.isEmpty { party.phoneEncrypted = try protection.encrypt(phone) }
        if let address = address?.trimmingCharacters(in: .whitespaces), !address.isEmpty {
            party.addressEncrypted = try protection.encrypt(address)
        }
        if let representative = legalRepresentative?.trimmingCharacters(in: .whitespaces), !representative.isEmpty {
            party.legalRepresentative = representative
        }
        return party
    }
}

/// A party as shown: masked by default (DESIGN.md), in full only when asked for by someone who may act on the case.
struct PartyView: Content {
    let id: UUID
    let role: String
    let roleLabel: String
    let kind: String
    let name: String
    let idNumber: String?
    let creditCode: String?
    let phone: String?
    let address: String?
    let legalRepresentative: String?

    /// `roles`: the Chinese of each role code, as the lines declare them (`ModuleRegistry.partyRoles`).
    init(_ party: PartyRecord, roles: [String: String], protection: DataProtection, reveal: Bool) throws {
        id = party.id!
        role = party.role
        roleLabel = roles[party.role] ?? party.role
        kind = party.kind
        let isPerson = party.kind == "person"
        name = reveal || !isPerson ? party.name : Masking.name(party.name)
        let id = try party.idNumberEncrypted.map(protection.decrypt)
        idNumber = id.map { reveal ? $0 : Masking.idNumber($0) }
        creditCode = party.creditCode
        let phone = try party.phoneEncrypted.map(protection.decrypt)
        self.phone = phone.map { reveal ? $0 : Masking.phone($0) }
        address = reveal ? try party.addressEncrypted.map(protection.decrypt) : (party.addressEncrypted == nil ? nil : "（已隐藏）")
        legalRepresentative = party.legalRepresentative
    }
}
