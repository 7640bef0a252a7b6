import Fluent
import FazhiCore
import Vapor

/// A type of legal-aid case (案件类型) in the centre's list, under one kind of matter: kept as data, so the admin adds a
/// type (新就业形态劳动争议 …) without a release.
final class LegalAidCaseType: Model, @unchecked Sendable {
    static let schema = "legal_aid_case_types"

    @ID(key: .id) var id: UUID?
    /// Stable code, e.g. `wages`.
    @Field(key: "code") var code: String
    /// 追索劳动报酬
    @Field(key: "label") var label: String
    @Enum(key: "matter") var matter: LegalAidMatter
    @Field(key: "position") var position: Int

    init() {}

    init(code: String, label: String, matter: LegalAidMatter, position: Int) {
        self.id = UUID()
        self.code = code
        self.label = label
        self.matter = matter
        self.position = position
    }

    /// The list every centre starts with (code, label, matter).
    static let standard: [(String, String, LegalAidMatter)] = [
        ("defence", "刑事辩护", .criminalDefence), ("victim", "刑事被害人代理", .criminalRepresentation),
        ("wages", "追索劳动报酬", .civil), ("workInjury", "工伤赔偿", .civil), ("maintenance", "赡养、抚养、扶养", .civil),
        ("family", "婚姻家庭", .civil), ("personalInjury", "人身损害赔偿", .civil), ("traffic", "交通事故赔偿", .civil),
        ("newEmployment", "新就业形态劳动争议", .civil), ("otherCivil", "其他民事", .civil),
        ("stateCompensation", "请求国家赔偿", .administrative), ("socialInsurance", "社会保险待遇", .administrative),
        ("allowance", "最低生活保障待遇、社会救助", .administrative), ("otherAdministrative", "其他行政", .administrative),
    ]

    /// The centre's list in order, as (code, label).
    static func all(on db: Database) async throws -> [(code: String, label: String)] {
        try await query(on: db).sort(\.$position).all().map { ($0.code, $0.label) }
    }
}

/// The local economic-hardship standard in force from a day (法律援助法第三十四条: set by the province), as the admin
/// configures it; a decision uses the one in force on its day.
final class LegalAidStandardRecord: Model, @unchecked Sendable {
    static let schema = "legal_aid_standards"

    @ID(key: .id) var id: UUID?
    /// YYYY-MM-DD.
    @Field(key: "effective_from") var effectiveFrom: String
    @Field(key: "income_per_head") var incomePerHead: Int
    @Field(key: "assets") var assets: Int
    @Field(key: "self_declaration_allowed") var selfDeclarationAllowed: Bool
    @Field(key: "source") var source: String

    init() {}

    init(_ standard: EligibilityStandard) {
        self.id = UUID()
        self.effectiveFrom = standard.effectiveFrom.description
        self.incomePerHead = standard.incomePerHead
        self.assets = standard.assets
        self.selfDeclarationAllowed = standard.selfDeclarationAllowed
        self.source = standard.source
    }

    var standard: EligibilityStandard? {
        CivilDate(string: effectiveFrom).map {
            EligibilityStandard(effectiveFrom: $0, incomePerHead: incomePerHead, assets: assets, selfDeclarationAllowed: selfDeclarationAllowed, source: source)
        }
    }

    /// The seeded default: Tianjin's minimum wage as the income line (*unverified*; the admin sets the real one).
    static let seeded = EligibilityStandard(effectiveFrom: CivilDate(year: 2020, month: 1, day: 1)!, incomePerHead: 2_320, assets: 50_000,
                                            selfDeclarationAllowed: true, source: "天津市法律援助经济困难标准（默认值，待核实）")

    /// The standard in force on `day`: the latest that took effect by then.
    static func inForce(on day: CivilDate, db: Database) async throws -> EligibilityStandard? {
        try await query(on: db).filter(\.$effectiveFrom <= day.description).sort(\.$effectiveFrom, .descending).first()?.standard
    }
}

/// A lawyer who takes legal-aid cases for a centre (法律援助人员): from a registered firm, or one of the centre's own
/// staff lawyers, with the licence's last valid day and the kinds of matter they declared.
final class AidLawyer: Model, @unchecked Sendable {
    static let schema = "legal_aid_lawyers"

    @ID(key: .id) var id: UUID?
    /// The centre whose rotation the lawyer is in.
    @Parent(key: "centre_id") var centre: Org
    @Field(key: "name") var name: String
    /// The firm's name, or the centre's for its staff lawyers.
    @Field(key: "firm") var firm: String
    @Field(key: "staff") var staff: Bool
    @Field(key: "licence_number") var licenceNumber: String
    /// YYYY-MM-DD, the last day the practising licence is valid.
    @Field(key: "licence_valid_to") var licenceValidTo: String
    /// Codes of `LegalAidMatter`, comma-separated.
    @Field(key: "practice_areas") var practiceAreas: String
    @Field(key: "active") var active: Bool

    init() {}

    init(centre: UUID, name: String, firm: String, staff: Bool, licenceNumber: String, licenceValidTo: CivilDate, areas: [LegalAidMatter]) {
        self.id = UUID()
        self.$centre.id = centre
        self.name = name
        self.firm = firm
        self.staff = staff
        self.licenceNumber = licenceNumber
        self.licenceValidTo = licenceValidTo.description
        self.practiceAreas = areas.map(\.rawValue).joined(separator: ",")
        self.active = true
    }

    var areas: [LegalAidMatter] { practiceAreas.split(separator: ",").compactMap { LegalAidMatter(rawValue: String($0)) } }
}

/// What a legal-aid case is counted by besides its events, as applied: its type, matter, channel and the aided
/// person's statuses, written in the opening transaction so breakdowns read columns, not events.
final class LegalAidDetail: Model, @unchecked Sendable {
    static let schema = "legal_aid_details"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "case_type") var caseType: String
    @Enum(key: "matter") var matter: LegalAidMatter
    @Enum(key: "channel") var channel: LegalAidChannel
    /// Codes of `AidedPersonStatus`, comma-separated, with a comma at each end (`,minor,disabled,`) so one is matched
    /// with LIKE.
    @Field(key: "statuses") var statuses: String

    init() {}

    init(caseID: UUID, caseType: String, matter: LegalAidMatter, channel: LegalAidChannel, statuses: [AidedPersonStatus]) {
        self.id = UUID()
        self.$caseRecord.id = caseID
        self.caseType = caseType
        self.matter = matter
        self.channel = channel
        self.statuses = "," + statuses.map(\.rawValue).joined(separator: ",") + ","
    }
}

extension LegalAidDetail: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] { [$id, $caseRecord, $caseType, $matter, $channel, $statuses] }
}
