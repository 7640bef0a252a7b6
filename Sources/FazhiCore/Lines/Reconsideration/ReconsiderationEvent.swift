/// One step of a reconsideration case. Encoded flat, e.g.
/// `{"kind":"accept","date":"2024-03-01","procedure":"simplified"}`; `kind` is the case name.
public enum ReconsiderationEvent: CaseEvent, Hashable {
    /// Opens the case: the application reached the bureau on `date` (行政复议法第二十条至第二十二条).
    /// - knewOn: the day the applicant knew (or should have known) of the act.
    /// - actDate: the day the act was made, for the 20/5-year caps of 第二十一条.
    /// - informedOfRight: the act told the applicant of the right and period to apply (第二十条第二款).
    /// - learnedOfRightOn: when not informed, the day the applicant learned of the right, if known.
    /// - realProperty: the application concerns real property (20-year cap).
    /// - postedOn: for a posted application, the posting date (time in the post is not counted).
    case receive(date: CivilDate, knewOn: CivilDate, actDate: CivilDate? = nil, informedOfRight: Bool = true,
                 learnedOfRightOn: CivilDate? = nil, realProperty: Bool = false,
                 channel: ApplicationChannel = .reception, postedOn: CivilDate? = nil)
    /// 第三十一条: notice to supplement, within the 5-working-day review, listing everything at once.
    case requestSupplement(date: CivilDate, items: String)
    /// 第三十一条: the material arrived; a new 5-working-day review starts.
    case receiveSupplement(date: CivilDate)
    /// 第三十一条: not supplemented in time without good reason: the application is deemed abandoned.
    case abandon(date: CivilDate)
    /// 第三十条: accepted (受理), under the ordinary or the simplified procedure (第五十三条).
    case accept(date: CivilDate, procedure: ReconsiderationProcedure = .ordinary)
    /// 第三十条第三款: deemed accepted, recorded by the system (see `ReconsiderationRules.automaticEvents`).
    case deemAccept(date: CivilDate)
    /// 第三十条: not accepted (不予受理), with the reason written in the decision.
    case reject(date: CivilDate, reason: String)
    /// 第四十八条 / 第五十四条: copy of the application sent to the respondent; `deliveredOn` when known.
    case sendCopy(date: CivilDate, deliveredOn: CivilDate? = nil)
    /// 第四十八条: the respondent received the copy sent earlier (the proof of service's day): its reply period runs
    /// from that day.
    case deliverCopy(date: CivilDate)
    /// 第四十八条: the respondent's written reply and evidence arrived.
    case receiveReply(date: CivilDate)
    /// 第五十一条: hearing notice sent on `date` for a hearing on `hearingOn`.
    case scheduleHearing(date: CivilDate, hearingOn: CivilDate)
    /// The scheduled hearing was held.
    case holdHearing(date: CivilDate)
    /// 第四十七条: a party asked to read and copy the dossier.
    case requestFileReading(date: CivilDate, requester: String)
    /// The oldest pending file-reading request was granted.
    case grantFileReading(date: CivilDate)
    /// 第三十九条: suspended (中止).
    case suspend(date: CivilDate, ground: SuspensionGround, note: String? = nil)
    /// 第三十九条第二款: resumed (恢复审理).
    case resume(date: CivilDate)
    /// 第六十二条: decision period extended by `days` (≤ 30, once), approved by `approver`.
    case extend(date: CivilDate, days: Int, approver: String)
    /// 第五十五条: a simplified case converted to the ordinary procedure, approved by `approver`.
    case convertProcedure(date: CivilDate, approver: String)
    /// 第七十三条: concluded by a mediation statement (调解书).
    case mediate(date: CivilDate)
    /// 第七十四条: settled, and the applicant withdrew with approval.
    case settleAndWithdraw(date: CivilDate)
    /// 第四十一条第（一）项: the applicant withdrew, approved: the case is terminated.
    case withdraw(date: CivilDate)
    /// 第四十一条: terminated (终止) on `ground`.
    case terminate(date: CivilDate, ground: TerminationGround)
    /// 第六十三条至第七十二条、第三十三条: decided. `partial` and `orderRedo` qualify a revocation (第六十四条).
    case decide(date: CivilDate, outcome: ReconsiderationOutcome, partial: Bool = false, orderRedo: Bool = false)
    /// 第七十六条: opinion letter (意见书) issued; `recipient` nil = the respondent.
    case issueOpinionLetter(date: CivilDate, recipient: String? = nil, deliveredOn: CivilDate? = nil)
    /// 第七十六条: the agency received opinion letter `letter` (nil = the latest) on `date`, when it was not known as the
    /// letter was issued: the 60 days for its report run from that day.
    case deliverOpinionLetter(date: CivilDate, letter: Int? = nil)
    /// 第七十六条: the agency reported its correction for letter `letter` (nil = the oldest outstanding).
    case recordOpinionCompliance(date: CivilDate, letter: Int? = nil)
    /// 实施条例第六十九条: recommendation letter (建议书) issued.
    case issueRecommendationLetter(date: CivilDate, recipient: String)

    public var kind: String {
        switch self {
        case .receive: "receive"
        case .requestSupplement: "requestSupplement"
        case .receiveSupplement: "receiveSupplement"
        case .abandon: "abandon"
        case .accept: "accept"
        case .deemAccept: "deemAccept"
        case .reject: "reject"
        case .sendCopy: "sendCopy"
        case .deliverCopy: "deliverCopy"
        case .receiveReply: "receiveReply"
        case .scheduleHearing: "scheduleHearing"
        case .holdHearing: "holdHearing"
        case .requestFileReading: "requestFileReading"
        case .grantFileReading: "grantFileReading"
        case .suspend: "suspend"
        case .resume: "resume"
        case .extend: "extend"
        case .convertProcedure: "convertProcedure"
        case .mediate: "mediate"
        case .settleAndWithdraw: "settleAndWithdraw"
        case .withdraw: "withdraw"
        case .terminate: "terminate"
        case .decide: "decide"
        case .issueOpinionLetter: "issueOpinionLetter"
        case .deliverOpinionLetter: "deliverOpinionLetter"
        case .recordOpinionCompliance: "recordOpinionCompliance"
        case .issueRecommendationLetter: "issueRecommendationLetter"
        }
    }

    /// Every kind, for the API's documentation and the JSON round-trip test.
    public static let kinds = [
        "receive", "requestSupplement", "receiveSupplement", "abandon", "accept", "deemAccept", "reject",
        "sendCopy", "deliverCopy", "receiveReply", "scheduleHearing", "holdHearing", "requestFileReading", "grantFileReading",
        "suspend", "resume", "extend", "convertProcedure", "mediate", "settleAndWithdraw", "withdraw", "terminate",
        "decide", "issueOpinionLetter", "deliverOpinionLetter", "recordOpinionCompliance", "issueRecommendationLetter",
    ]

    public var date: CivilDate {
        switch self {
        case .receive(let date, _, _, _, _, _, _, _), .requestSupplement(let date, _), .receiveSupplement(let date),
             .abandon(let date), .accept(let date, _), .deemAccept(let date), .reject(let date, _),
             .sendCopy(let date, _), .deliverCopy(let date), .receiveReply(let date), .scheduleHearing(let date, _), .holdHearing(let date),
             .requestFileReading(let date, _), .grantFileReading(let date), .suspend(let date, _, _),
             .resume(let date), .extend(let date, _, _), .convertProcedure(let date, _), .mediate(let date),
             .settleAndWithdraw(let date), .withdraw(let date), .terminate(let date, _), .decide(let date, _, _, _),
             .issueOpinionLetter(let date, _, _), .deliverOpinionLetter(let date, _), .recordOpinionCompliance(let date, _),
             .issueRecommendationLetter(let date, _):
            date
        }
    }

    public var summary: String {
        switch self {
        case .receive(_, _, _, _, _, _, let channel, _): "收到行政复议申请（\(channel.label)）"
        case .requestSupplement(_, let items): "通知补正：\(items)"
        case .receiveSupplement: "收到补正材料"
        case .abandon: "逾期未补正，视为放弃申请"
        case .accept(_, let procedure): "受理（\(procedure.label)）"
        case .deemAccept: "受理审查期限届满，视为受理"
        case .reject(_, let reason): "不予受理：\(reason)"
        case .sendCopy: "向被申请人发送申请书副本"
        case .deliverCopy: "被申请人收到申请书副本"
        case .receiveReply: "收到被申请人答复及证据"
        case .scheduleHearing(_, let hearingOn): "发出听证通知（\(hearingOn.chinese)举行听证）"
        case .holdHearing: "举行听证"
        case .requestFileReading(_, let requester): "\(requester)申请查阅、复制案卷材料"
        case .grantFileReading: "同意查阅、复制案卷材料"
        case .suspend(_, let ground, _): "中止审理：\(ground.label)"
        case .resume: "恢复审理"
        case .extend(_, let days, let approver): "延长审理期限\(days)日（\(approver)批准）"
        case .convertProcedure(_, let approver): "简易程序转为普通程序（\(approver)批准）"
        case .mediate: "制作行政复议调解书，调解结案"
        case .settleAndWithdraw: "和解后准予撤回申请"
        case .withdraw: "准予撤回申请，终止行政复议"
        case .terminate(_, let ground): "终止行政复议：\(ground.label)"
        case .decide(_, let outcome, let partial, let orderRedo):
            "作出行政复议决定：\(ReconsiderationDossier.outcomeLabel(outcome, partial: partial, orderRedo: orderRedo))"
        case .issueOpinionLetter(_, let recipient, _): "制发行政复议意见书\(recipient.map { "（致\($0)）" } ?? "")"
        case .deliverOpinionLetter(_, let letter): "有关机关收到\(letter.map { "第\($0)号" } ?? "")行政复议意见书"
        case .recordOpinionCompliance: "收到意见书落实情况报告"
        case .issueRecommendationLetter(_, let recipient): "制发行政复议建议书（致\(recipient)）"
        }
    }
}

extension ReconsiderationEvent {
    enum Key: String, CodingKey {
        case kind, date, knewOn, actDate, informedOfRight, learnedOfRightOn, realProperty, channel, postedOn
        case items, procedure, reason, deliveredOn, hearingOn, requester, ground, note, days, approver
        case outcome, partial, orderRedo, recipient, letter
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let kind = try c.decode(String.self, forKey: .kind)
        let date = try c.decode(CivilDate.self, forKey: .date)
        switch kind {
        case "receive":
            self = .receive(date: date, knewOn: try c.decode(CivilDate.self, forKey: .knewOn),
                            actDate: try c.decodeIfPresent(CivilDate.self, forKey: .actDate),
                            informedOfRight: try c.decodeIfPresent(Bool.self, forKey: .informedOfRight) ?? true,
                            learnedOfRightOn: try c.decodeIfPresent(CivilDate.self, forKey: .learnedOfRightOn),
                            realProperty: try c.decodeIfPresent(Bool.self, forKey: .realProperty) ?? false,
                            channel: try c.decodeIfPresent(ApplicationChannel.self, forKey: .channel) ?? .reception,
                            postedOn: try c.decodeIfPresent(CivilDate.self, forKey: .postedOn))
        case "requestSupplement": self = .requestSupplement(date: date, items: try c.decode(String.self, forKey: .items))
        case "receiveSupplement": self = .receiveSupplement(date: date)
        case "abandon": self = .abandon(date: date)
        case "accept":
            self = .accept(date: date, procedure: try c.decodeIfPresent(ReconsiderationProcedure.self, forKey: .procedure) ?? .ordinary)
        case "deemAccept": self = .deemAccept(date: date)
        case "reject": self = .reject(date: date, reason: try c.decode(String.self, forKey: .reason))
        case "sendCopy": self = .sendCopy(date: date, deliveredOn: try c.decodeIfPresent(CivilDate.self, forKey: .deliveredOn))
        case "deliverCopy": self = .deliverCopy(date: date)
        case "receiveReply": self = .receiveReply(date: date)
        case "scheduleHearing": self = .scheduleHearing(date: date, hearingOn: try c.decode(CivilDate.self, forKey: .hearingOn))
        case "holdHearing": self = .holdHearing(date: date)
        case "requestFileReading": self = .requestFileReading(date: date, requester: try c.decode(String.self, forKey: .requester))
        case "grantFileReading": self = .grantFileReading(date: date)
        case "suspend":
            self = .suspend(date: date, ground: try c.decode(SuspensionGround.self, forKey: .ground),
                            note: try c.decodeIfPresent(String.self, forKey: .note))
        case "resume": self = .resume(date: date)
        case "extend":
            self = .extend(date: date, days: try c.decode(Int.self, forKey: .days), approver: try c.decode(String.self, forKey: .approver))
        case "convertProcedure": self = .convertProcedure(date: date, approver: try c.decode(String.self, forKey: .approver))
        case "mediate": self = .mediate(date: date)
        case "settleAndWithdraw": self = .settleAndWithdraw(date: date)
        case "withdraw": self = .withdraw(date: date)
        case "terminate": self = .terminate(date: date, ground: try c.decode(TerminationGround.self, forKey: .ground))
        case "decide":
            self = .decide(date: date, outcome: try c.decode(ReconsiderationOutcome.self, forKey: .outcome),
                           partial: try c.decodeIfPresent(Bool.self, forKey: .partial) ?? false,
                           orderRedo: try c.decodeIfPresent(Bool.self, forKey: .orderRedo) ?? false)
        case "issueOpinionLetter":
            self = .issueOpinionLetter(date: date, recipient: try c.decodeIfPresent(String.self, forKey: .recipient),
                                       deliveredOn: try c.decodeIfPresent(CivilDate.self, forKey: .deliveredOn))
        case "deliverOpinionLetter":
            self = .deliverOpinionLetter(date: date, letter: try c.decodeIfPresent(Int.self, forKey: .letter))
        case "recordOpinionCompliance":
            self = .recordOpinionCompliance(date: date, letter: try c.decodeIfPresent(Int.self, forKey: .letter))
        case "issueRecommendationLetter":
            self = .issueRecommendationLetter(date: date, recipient: try c.decode(String.self, forKey: .recipient))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "未知的行政复议事件类型「\(kind)」")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(date, forKey: .date)
        switch self {
        case .receive(_, let knewOn, let actDate, let informedOfRight, let learnedOfRightOn, let realProperty, let channel, let postedOn):
            try c.encode(knewOn, forKey: .knewOn)
            try c.encodeIfPresent(actDate, forKey: .actDate)
            try c.encode(informedOfRight, forKey: .informedOfRight)
            try c.encodeIfPresent(learnedOfRightOn, forKey: .learnedOfRightOn)
            try c.encode(realProperty, forKey: .realProperty)
            try c.encode(channel, forKey: .channel)
            try c.encodeIfPresent(postedOn, forKey: .postedOn)
        case .requestSupplement(_, let items): try c.encode(items, forKey: .items)
        case .accept(_, let procedure): try c.encode(procedure, forKey: .procedure)
        case .reject(_, let reason): try c.encode(reason, forKey: .reason)
        case .sendCopy(_, let deliveredOn): try c.encodeIfPresent(deliveredOn, forKey: .deliveredOn)
        case .scheduleHearing(_, let hearingOn): try c.encode(hearingOn, forKey: .hearingOn)
        case .requestFileReading(_, let requester): try c.encode(requester, forKey: .requester)
        case .suspend(_, let ground, let note):
            try c.encode(ground, forKey: .ground)
            try c.encodeIfPresent(note, forKey: .note)
        case .extend(_, let days, let approver):
            try c.encode(days, forKey: .days)
            try c.encode(approver, forKey: .approver)
        case .convertProcedure(_, let approver): try c.encode(approver, forKey: .approver)
        case .terminate(_, let ground): try c.encode(ground, forKey: .ground)
        case .decide(_, let outcome, let partial, let orderRedo):
            try c.encode(outcome, forKey: .outcome)
            try c.encode(partial, forKey: .partial)
            try c.encode(orderRedo, forKey: .orderRedo)
        case .issueOpinionLetter(_, let recipient, let deliveredOn):
            try c.encodeIfPresent(recipient, forKey: .recipient)
            try c.encodeIfPresent(deliveredOn, forKey: .deliveredOn)
        case .deliverOpinionLetter(_, let letter), .recordOpinionCompliance(_, let letter): try c.encodeIfPresent(letter, forKey: .letter)
        case .issueRecommendationLetter(_, let recipient): try c.encode(recipient, forKey: .recipient)
        case .receiveSupplement, .abandon, .deemAccept, .deliverCopy, .receiveReply, .holdHearing, .grantFileReading, .resume,
             .mediate, .settleAndWithdraw, .withdraw:
            break
        }
    }
}
