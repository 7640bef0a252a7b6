/// One step of a lawsuit against an agency. Encoded flat, e.g.
/// `{"kind":"holdHearing","date":"2024-05-10","headAppeared":true,"appearerName":"王五","appearerTitle":"副区长"}`.
public enum LitigationEvent: CaseEvent, Hashable {
    /// Opens the case: the agency received the complaint copy on `date` (行政诉讼法第六十七条).
    case serve(date: CivilDate, court: String, courtCaseNumber: String, claims: String)
    /// 第六十七条: defence statement and the evidence and legal basis of the act (第三十四条).
    case submitDefence(date: CivilDate)
    /// A hearing and who appeared for the agency.
    case holdHearing(date: CivilDate, headAppeared: Bool, appearerName: String, appearerTitle: String,
                     excuse: HeadAbsenceExcuse? = nil, proofDescription: String? = nil)
    /// The court's judgment (or a ruling ending the instance).
    case judge(date: CivilDate, result: LitigationJudgmentResult)
    /// The plaintiff withdrew (准予撤诉).
    case withdraw(date: CivilDate)
    /// Files the case away; a reason is required when it ends without judgment or withdrawal.
    case close(date: CivilDate, reason: String? = nil)

    public var kind: String {
        switch self {
        case .serve: "serve"
        case .submitDefence: "submitDefence"
        case .holdHearing: "holdHearing"
        case .judge: "judge"
        case .withdraw: "withdraw"
        case .close: "close"
        }
    }

    public static let kinds = ["serve", "submitDefence", "holdHearing", "judge", "withdraw", "close"]

    public var date: CivilDate {
        switch self {
        case .serve(let date, _, _, _), .submitDefence(let date), .holdHearing(let date, _, _, _, _, _),
             .judge(let date, _), .withdraw(let date), .close(let date, _):
            date
        }
    }

    public var summary: String {
        switch self {
        case .serve(_, let court, let number, _): "收到起诉状副本（\(court)\(number)）"
        case .submitDefence: "提交答辩状及证据"
        case .holdHearing(_, let headAppeared, let name, let title, let excuse, _):
            headAppeared ? "开庭，负责人\(name)（\(title)）出庭应诉"
                : "开庭，负责人未出庭（\(excuse?.label ?? "未说明理由")），委托\(name)（\(title)）出庭"
        case .judge(_, let result): "判决：\(result.label)"
        case .withdraw: "原告撤诉"
        case .close(_, let reason): "结案归档\(reason.map { "：\($0)" } ?? "")"
        }
    }
}

extension LitigationEvent {
    enum Key: String, CodingKey {
        case kind, date, court, courtCaseNumber, claims, headAppeared, appearerName, appearerTitle, excuse
        case proofDescription, result, reason
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let kind = try c.decode(String.self, forKey: .kind)
        let date = try c.decode(CivilDate.self, forKey: .date)
        switch kind {
        case "serve":
            self = .serve(date: date, court: try c.decode(String.self, forKey: .court),
                          courtCaseNumber: try c.decode(String.self, forKey: .courtCaseNumber),
                          claims: try c.decode(String.self, forKey: .claims))
        case "submitDefence": self = .submitDefence(date: date)
        case "holdHearing":
            self = .holdHearing(date: date, headAppeared: try c.decode(Bool.self, forKey: .headAppeared),
                                appearerName: try c.decode(String.self, forKey: .appearerName),
                                appearerTitle: try c.decode(String.self, forKey: .appearerTitle),
                                excuse: try c.decodeIfPresent(HeadAbsenceExcuse.self, forKey: .excuse),
                                proofDescription: try c.decodeIfPresent(String.self, forKey: .proofDescription))
        case "judge": self = .judge(date: date, result: try c.decode(LitigationJudgmentResult.self, forKey: .result))
        case "withdraw": self = .withdraw(date: date)
        case "close": self = .close(date: date, reason: try c.decodeIfPresent(String.self, forKey: .reason))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "未知的行政应诉事件类型「\(kind)」")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(date, forKey: .date)
        switch self {
        case .serve(_, let court, let number, let claims):
            try c.encode(court, forKey: .court)
            try c.encode(number, forKey: .courtCaseNumber)
            try c.encode(claims, forKey: .claims)
        case .holdHearing(_, let headAppeared, let name, let title, let excuse, let proof):
            try c.encode(headAppeared, forKey: .headAppeared)
            try c.encode(name, forKey: .appearerName)
            try c.encode(title, forKey: .appearerTitle)
            try c.encodeIfPresent(excuse, forKey: .excuse)
            try c.encodeIfPresent(proof, forKey: .proofDescription)
        case .judge(_, let result): try c.encode(result, forKey: .result)
        case .close(_, let reason): try c.encodeIfPresent(reason, forKey: .reason)
        case .submitDefence, .withdraw: break
        }
    }
}
