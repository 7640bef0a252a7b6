/// Where a legal-aid case stands (法律援助案件).
public enum LegalAidState: String, Codable, Hashable, Sendable, CaseIterable {
    /// Application received; the centre is to decide (待审查决定).
    case applied
    /// The consolidated supplement notice went out; the decision clock waits for the papers (待补充材料).
    case awaitingSupplement
    /// Aid granted, or a notice of mandatory defence received; a lawyer is to be assigned (待指派).
    case granted
    /// A lawyer is handling it (承办中).
    case assigned
    /// The lawyer closed it (已结案); it may then be quality-checked.
    case closed
    /// Aid refused with reasons; the applicant may object to the bureau (不予法律援助).
    case refused
    /// The applicant objected to the refusal; the bureau decides (异议审查中).
    case objected
    /// Withdrawn by the applicant, or deemed withdrawn when the papers never came (撤回申请).
    case withdrawn

    public var label: String {
        switch self {
        case .applied: "待审查决定"
        case .awaitingSupplement: "待补充材料"
        case .granted: "待指派"
        case .assigned: "承办中"
        case .closed: "已结案"
        case .refused: "不予法律援助"
        case .objected: "异议审查中"
        case .withdrawn: "已撤回"
        }
    }

    public var isOpen: Bool { [.applied, .awaitingSupplement, .granted, .assigned, .objected].contains(self) }
}

/// Why the centre refuses aid, with the article (法律援助法第四十三条: a refusal states its reasons in writing).
public enum LegalAidRefusalGround: String, Codable, Hashable, Sendable, CaseIterable {
    /// Not in hardship under the local standard (第三十四条): only when the facts say so.
    case notInHardship
    /// The matter is not one legal aid covers (第二十二条、第二十四条、第三十一条).
    case outsideScope
    /// The applicant already has a lawyer or other representation for the matter.
    case alreadyRepresented

    public var label: String {
        switch self {
        case .notInHardship: "不符合经济困难标准"
        case .outsideScope: "申请事项不属于法律援助范围"
        case .alreadyRepresented: "申请人已委托代理人或者辩护人"
        }
    }

    public var article: String {
        switch self {
        case .notInHardship: "《中华人民共和国法律援助法》第三十四条"
        case .outsideScope: "《中华人民共和国法律援助法》第二十二条、第二十四条、第三十一条"
        case .alreadyRepresented: "《中华人民共和国法律援助法》第四十八条"
        }
    }
}
