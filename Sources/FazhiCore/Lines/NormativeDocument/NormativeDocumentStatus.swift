/// Where a normative document stands in the register (行政规范性文件库).
public enum NormativeDocumentStatus: String, Codable, Hashable, Sendable, CaseIterable {
    /// 现行有效
    case inForce
    /// 已修改: amended by a later document (which names it), the amended text in force.
    case amended
    /// 已废止: repealed by a later document or a clean-up decision.
    case repealed
    /// 已失效: its validity period ended, or a clean-up declared it expired.
    case expired

    public var label: String {
        switch self {
        case .inForce: "现行有效"
        case .amended: "已修改"
        case .repealed: "已废止"
        case .expired: "已失效"
        }
    }
}

/// What a filing review (备案审查) found.
public enum FilingReviewResult: String, Codable, Hashable, Sendable, CaseIterable {
    case noProblem
    case problemFound

    public var label: String {
        switch self {
        case .noProblem: "未发现问题"
        case .problemFound: "发现问题"
        }
    }
}

/// A clean-up campaign's decision on one document (清理结果).
public enum CleanupDecision: String, Codable, Hashable, Sendable, CaseIterable {
    case keep, amend, repeal, declareExpired

    public var label: String {
        switch self {
        case .keep: "继续有效"
        case .amend: "修改"
        case .repeal: "废止"
        case .declareExpired: "宣布失效"
        }
    }

    /// The document's status after the decision (an amendment is made by a later document; until then it stays in force).
    public var resultingStatus: NormativeDocumentStatus {
        switch self {
        case .keep, .amend: .inForce
        case .repeal: .repealed
        case .declareExpired: .expired
        }
    }
}

/// The legality-review opinion (合法性审核意见).
public enum LegalityOpinion: String, Codable, Hashable, Sendable, CaseIterable {
    case lawful, lawfulWithChanges, unlawful

    public var label: String {
        switch self {
        case .lawful: "合法"
        case .lawfulWithChanges: "修改后合法"
        case .unlawful: "不合法"
        }
    }
}
