/// 《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》（法释〔2020〕3号）第八条: the only reasons an
/// agency head may stay away from a hearing; each must be explained in writing under the agency's
/// seal or the head's signature (第九条).
public enum HeadAbsenceExcuse: String, Codable, Hashable, Sendable, CaseIterable {
    /// （一）不可抗力
    case forceMajeure
    /// （二）意外事件
    case accident
    /// （三）需要履行他人不能代替的公务
    case exclusiveDuties
    /// （四）无法出庭的其他正当事由
    case otherGoodCause

    public var label: String {
        switch self {
        case .forceMajeure: "不可抗力"
        case .accident: "意外事件"
        case .exclusiveDuties: "需要履行他人不能代替的公务"
        case .otherGoodCause: "无法出庭的其他正当事由"
        }
    }
}
