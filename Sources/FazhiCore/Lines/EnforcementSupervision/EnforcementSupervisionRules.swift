/// 行政执法监督: the rule-of-law office's supervision of the district's enforcement agencies — the year's "double plan"
/// (培训计划、监督计划), the trainings and inspections held against it, each inspection's findings and the
/// rectification the agency owes for each, and the street empowered matters evaluated for recall.
public enum EnforcementSupervisionRules {
    /// The rectification deadline: the notice (整改通知书) sets it; 30 days is the default the office offers. Local
    /// enforcement-supervision rules govern it, not a statute, so it is configurable and marked unverified.
    public static let rectificationRule = DeadlineRule(
        key: "enforcement.rectification", title: "行政执法监督整改期限", trigger: "整改通知书送达之日", limit: 30, unit: .calendar,
        basis: "《天津市行政执法监督规定》（整改期限由整改通知书确定，待核实）",
        note: "整改通知书可另定期限；被监督机关应当在期限内报送整改情况", unverified: true)

    /// A rectification the office returns (退回重新整改) gives the agency at least this many more days from the return;
    /// the office's practice under the same local rules, so configurable and marked unverified.
    public static let redoRule = DeadlineRule(
        key: "enforcement.rectificationRedo", title: "退回重新整改期限", trigger: "整改验收退回之日", limit: 15, unit: .calendar,
        basis: "《天津市行政执法监督规定》（退回重新整改的期限，待核实）",
        note: "退回时原整改期限尚余不足15日的，自退回之日起重新给予15日", unverified: true)

    public static let deadlineRules: [DeadlineRule] = [rectificationRule, redoRule]

    /// The categories a finding is filed under (问题类别), in the order of the office's checklist.
    public static let findingCategories: [(code: String, label: String)] = [
        ("authority", "执法主体资格"), ("procedure", "执法程序"), ("evidence", "证据收集与认定"), ("discretion", "行政裁量权基准适用"),
        ("documents", "执法文书制作"), ("publicity", "执法公示"), ("recording", "执法全过程记录"), ("review", "重大执法决定法制审核"),
        ("other", "其他"),
    ]

    public static func categoryLabel(_ code: String) -> String? { findingCategories.first { $0.code == code }?.label }
}

/// 专项监督 (the office's own inspection of one field) or 联合监督 (with other bodies and entrepreneur supervisors).
public enum InspectionKind: String, CaseIterable, Codable, Sendable {
    case special
    case joint

    public var label: String { self == .special ? "专项监督" : "联合监督" }
}

/// What a plan line plans: training sessions or supervision inspections.
public enum PlanKind: String, CaseIterable, Codable, Sendable {
    case training
    case supervision

    public var label: String { self == .training ? "培训计划" : "监督计划" }
}
