/// Why a committee does not take a dispute in (不予受理): 《人民调解法》第十七条 (a party refuses) and
/// 《人民调解工作若干规定》第二十二条 (matters for another body, or already before one).
public enum MediationRefusalGround: String, Codable, Hashable, Sendable, CaseIterable {
    /// 当事人一方明确拒绝调解的，不得调解（人民调解法第十七条）.
    case partyRefused
    /// 人民法院、公安机关或者其他行政机关已经受理或者解决的（若干规定第二十二条第二项）.
    case beforeAnotherBody
    /// 法律、法规规定只能由专门机关管辖处理的，或者禁止采用民间调解方式解决的（若干规定第二十二条第一项）.
    case reservedToAuthorities

    public var label: String {
        switch self {
        case .partyRefused: "当事人一方明确拒绝调解"
        case .beforeAnotherBody: "人民法院、公安机关或者其他行政机关已经受理或者解决"
        case .reservedToAuthorities: "依法只能由专门机关管辖处理或者禁止采用民间调解方式解决"
        }
    }

    /// The article the refusal states.
    public var basis: String {
        switch self {
        case .partyRefused: "《中华人民共和国人民调解法》第十七条"
        case .beforeAnotherBody: "《人民调解工作若干规定》第二十二条第（二）项"
        case .reservedToAuthorities: "《人民调解工作若干规定》第二十二条第（一）项"
        }
    }
}

/// How the parties agreed (人民调解法第二十八条): in writing (调解协议书) or orally (口头协议, recorded by the mediator).
public enum AgreementForm: String, Codable, Hashable, Sendable, CaseIterable {
    case written
    case oral

    public var label: String { self == .written ? "书面调解协议" : "口头调解协议" }
}

/// What a follow-up visit (回访) found of the agreement's performance (人民调解法第三十一条第二款).
public enum AgreementPerformance: String, Codable, Hashable, Sendable, CaseIterable {
    case performed
    case partlyPerformed
    case notPerformed
    /// Not yet due (performance falls later).
    case notYetDue

    public var label: String {
        switch self {
        case .performed: "已履行"
        case .partlyPerformed: "部分履行"
        case .notPerformed: "未履行"
        case .notYetDue: "尚未到履行期"
        }
    }
}
