import Fluent
import FazhiCore
import Vapor

/// A type of notarial matter (公证事项类型) in the office's list: kept as data, so the admin adds a new kind without a
/// release. Its code is what a matter stores.
final class NotaryMatterType: Model, @unchecked Sendable {
    static let schema = "notary_matter_types"

    @ID(key: .id) var id: UUID?
    /// Stable code, e.g. `will`, `abroadIdentity`.
    @Field(key: "code") var code: String
    /// 遗嘱
    @Field(key: "label") var label: String
    /// The group it is listed under: 家事, 经济, 涉外, 保全证据, 其他.
    @Field(key: "category") var category: String
    /// Place in the lists.
    @Field(key: "position") var position: Int

    init() {}

    init(code: String, label: String, category: String, position: Int) {
        self.id = UUID()
        self.code = code
        self.label = label
        self.category = category
        self.position = position
    }

    /// The list every office starts with (code, label, category).
    static let standard: [(String, String, String)] = [
        ("will", "遗嘱", "家事"), ("inheritance", "继承", "家事"), ("guardianship", "委托监护", "家事"), ("familyAdviser", "公证家事顾问", "家事"),
        ("contract", "合同", "经济"), ("loan", "借款", "经济"),
        ("abroadIdentity", "出生/婚姻等民事身份证明", "涉外"), ("abroadEducation", "学历学位证明", "涉外"),
        ("evidence", "保全证据", "保全证据"), ("other", "其他", "其他"),
    ]

    /// The list in order, as (code, label).
    static func all(on db: Database) async throws -> [(code: String, label: String)] {
        try await query(on: db).sort(\.$position).all().map { ($0.code, $0.label) }
    }
}

/// What a matter is counted by besides its events: its type as received, written in the opening transaction so the
/// figures and the dashboard read columns, not events.
final class NotaryDetail: Model, @unchecked Sendable {
    static let schema = "notary_details"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "matter_type") var matterType: String

    init() {}

    init(caseID: UUID, matterType: String) {
        self.id = UUID()
        self.$caseRecord.id = caseID
        self.matterType = matterType
    }
}

extension NotaryDetail: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] { [$id, $caseRecord, $matterType] }
}

/// A certificate issued (公证书): its number per office and year, never reused (unique office, year, serial), written in
/// the transaction that records the issue event; with the notary who issued it, for the dashboard.
final class NotaryCertificate: Model, @unchecked Sendable {
    static let schema = "notary_certificates"

    @ID(key: .id) var id: UUID?
    @Field(key: "office_id") var officeID: UUID
    @Field(key: "year") var year: Int
    @Field(key: "serial") var serial: Int
    @Field(key: "number") var number: String
    @Parent(key: "case_id") var caseRecord: CaseRecord
    /// YYYY-MM-DD.
    @Field(key: "issued_on") var issuedOn: String
    @OptionalField(key: "notary_id") var notaryID: UUID?
    @Field(key: "notary_name") var notaryName: String

    init() {}

    init(office: UUID, year: Int, serial: Int, number: String, caseID: UUID, issuedOn: CivilDate, notaryID: UUID?, notaryName: String) {
        self.id = UUID()
        self.officeID = office
        self.year = year
        self.serial = serial
        self.number = number
        self.$caseRecord.id = caseID
        self.issuedOn = issuedOn.description
        self.notaryID = notaryID
        self.notaryName = notaryName
    }
}

extension NotaryCertificate: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] { [$id, $officeID, $year, $serial, $number, $caseRecord, $issuedOn, $notaryID, $notaryName] }
}
