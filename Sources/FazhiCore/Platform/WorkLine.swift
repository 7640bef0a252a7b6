/// A line of the bureau's work (GLOSSARY.md). Every case, ledger and role belongs to one.
public enum WorkLine: String, CaseIterable, Codable, Sendable {
    case reconsideration
    case litigation
    case normativeDocument
    case majorDecision
    case enforcementSupervision
    case legalAdviser
    case publicity
    case legalServices
    case legalAid
    case notary
    case mediation

    /// The Chinese name shown in the UI.
    public var label: String {
        switch self {
        case .reconsideration: "行政复议"
        case .litigation: "行政应诉"
        case .normativeDocument: "规范性文件"
        case .majorDecision: "重大行政决策"
        case .enforcementSupervision: "行政执法监督"
        case .legalAdviser: "法律顾问与公职律师"
        case .publicity: "普法"
        case .legalServices: "公共法律服务"
        case .legalAid: "法律援助"
        case .notary: "公证"
        case .mediation: "人民调解"
        }
    }
}
