import Foundation

/// One step of a dispute in people's mediation. Encoded flat, e.g.
/// `{"kind":"agree","date":"2024-05-10","form":"written","terms":"…"}`.
public enum MediationEvent: CaseEvent, Hashable {
    /// Opens the case: the dispute reached the committee on `date`. `disputeType` is a code of the bureau's list of
    /// dispute types (data, extended by the admin; the server checks it against the list).
    case receive(date: CivilDate, disputeType: String, source: DisputeSource, summary: String)
    /// 受理, with the mediator the committee assigned (人民调解法第十九条). The 30-day target runs from here.
    case accept(date: CivilDate, mediatorID: UUID, mediatorName: String)
    /// 不予受理, with its ground.
    case refuse(date: CivilDate, ground: MediationRefusalGround, explanation: String? = nil)
    /// Another mediator of the committee takes the dispute over (当事人要求更换或者调解员回避, 人民调解法第二十条).
    case assignMediator(date: CivilDate, mediatorID: UUID, mediatorName: String)
    /// A mediation session held (调解记录).
    case holdSession(date: CivilDate, note: String)
    /// The parties agreed (人民调解法第二十八条): a written agreement (调解协议书) or an oral one recorded by the mediator.
    case agree(date: CivilDate, form: AgreementForm, terms: String)
    /// Mediation failed: the mediation ends and the parties are told the route (人民调解法第二十六条).
    case fail(date: CivilDate, route: String)
    /// Handed to another body to deal with (a court, the police, an agency), which is named.
    case refer(date: CivilDate, to: String)
    /// The parties applied jointly to the court for judicial confirmation (人民调解法第三十三条).
    case applyConfirmation(date: CivilDate, court: String)
    /// The court's ruling on the application: confirmed valid (确认有效) or not (驳回申请).
    case ruleConfirmation(date: CivilDate, confirmed: Bool)
    /// A follow-up visit (回访): whether the agreement has been performed (人民调解法第三十一条第二款).
    case followUp(date: CivilDate, performance: AgreementPerformance, note: String? = nil)

    public var kind: String {
        switch self {
        case .receive: "receive"
        case .accept: "accept"
        case .refuse: "refuse"
        case .assignMediator: "assignMediator"
        case .holdSession: "holdSession"
        case .agree: "agree"
        case .fail: "fail"
        case .refer: "refer"
        case .applyConfirmation: "applyConfirmation"
        case .ruleConfirmation: "ruleConfirmation"
        case .followUp: "followUp"
        }
    }

    public static let kinds = ["receive", "accept", "refuse", "assignMediator", "holdSession", "agree", "fail", "refer",
                               "applyConfirmation", "ruleConfirmation", "followUp"]

    public var date: CivilDate {
        switch self {
        case .receive(let date, _, _, _), .accept(let date, _, _), .refuse(let date, _, _), .assignMediator(let date, _, _),
             .holdSession(let date, _), .agree(let date, _, _), .fail(let date, _), .refer(let date, _),
             .applyConfirmation(let date, _), .ruleConfirmation(let date, _), .followUp(let date, _, _):
            date
        }
    }

    public var summary: String {
        switch self {
        case .receive(_, _, let source, _): "收到纠纷（\(source.label)）"
        case .accept(_, _, let name): "受理，调解员\(name)"
        case .refuse(_, let ground, _): "不予受理：\(ground.label)"
        case .assignMediator(_, _, let name): "更换调解员为\(name)"
        case .holdSession: "开展调解"
        case .agree(_, let form, _): "达成\(form.label)"
        case .fail(_, let route): "调解不成，已告知当事人：\(route)"
        case .refer(_, let to): "移交\(to)处理"
        case .applyConfirmation(_, let court): "当事人向\(court)申请司法确认"
        case .ruleConfirmation(_, let confirmed): confirmed ? "人民法院裁定调解协议有效" : "人民法院驳回司法确认申请"
        case .followUp(_, let performance, _): "回访：\(performance.label)"
        }
    }
}

extension MediationEvent {
    enum Key: String, CodingKey {
        case kind, date, disputeType, source, summary, mediatorID, mediatorName, ground, explanation, note, form, terms, route
        case to, court, confirmed, performance
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let kind = try c.decode(String.self, forKey: .kind)
        let date = try c.decode(CivilDate.self, forKey: .date)
        switch kind {
        case "receive":
            self = .receive(date: date, disputeType: try c.decode(String.self, forKey: .disputeType),
                            source: try c.decode(DisputeSource.self, forKey: .source), summary: try c.decode(String.self, forKey: .summary))
        case "accept":
            // A form names the mediator by id; the server completes the name from the register before the rules decide.
            self = .accept(date: date, mediatorID: try c.decode(UUID.self, forKey: .mediatorID),
                           mediatorName: try c.decodeIfPresent(String.self, forKey: .mediatorName) ?? "")
        case "refuse":
            self = .refuse(date: date, ground: try c.decode(MediationRefusalGround.self, forKey: .ground),
                           explanation: try c.decodeIfPresent(String.self, forKey: .explanation))
        case "assignMediator":
            self = .assignMediator(date: date, mediatorID: try c.decode(UUID.self, forKey: .mediatorID),
                                   mediatorName: try c.decodeIfPresent(String.self, forKey: .mediatorName) ?? "")
        case "holdSession": self = .holdSession(date: date, note: try c.decode(String.self, forKey: .note))
        case "agree":
            self = .agree(date: date, form: try c.decode(AgreementForm.self, forKey: .form), terms: try c.decode(String.self, forKey: .terms))
        case "fail": self = .fail(date: date, route: try c.decode(String.self, forKey: .route))
        case "refer": self = .refer(date: date, to: try c.decode(String.self, forKey: .to))
        case "applyConfirmation": self = .applyConfirmation(date: date, court: try c.decode(String.self, forKey: .court))
        case "ruleConfirmation": self = .ruleConfirmation(date: date, confirmed: try c.decode(Bool.self, forKey: .confirmed))
        case "followUp":
            self = .followUp(date: date, performance: try c.decode(AgreementPerformance.self, forKey: .performance),
                             note: try c.decodeIfPresent(String.self, forKey: .note))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "未知的人民调解事件类型「\(kind)」")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(date, forKey: .date)
        switch self {
        case .receive(_, let type, let source, let summary):
            try c.encode(type, forKey: .disputeType)
            try c.encode(source, forKey: .source)
            try c.encode(summary, forKey: .summary)
        case .accept(_, let id, let name), .assignMediator(_, let id, let name):
            try c.encode(id, forKey: .mediatorID)
            try c.encode(name, forKey: .mediatorName)
        case .refuse(_, let ground, let explanation):
            try c.encode(ground, forKey: .ground)
            try c.encodeIfPresent(explanation, forKey: .explanation)
        case .holdSession(_, let note): try c.encode(note, forKey: .note)
        case .agree(_, let form, let terms):
            try c.encode(form, forKey: .form)
            try c.encode(terms, forKey: .terms)
        case .fail(_, let route): try c.encode(route, forKey: .route)
        case .refer(_, let to): try c.encode(to, forKey: .to)
        case .applyConfirmation(_, let court): try c.encode(court, forKey: .court)
        case .ruleConfirmation(_, let confirmed): try c.encode(confirmed, forKey: .confirmed)
        case .followUp(_, let performance, let note):
            try c.encode(performance, forKey: .performance)
            try c.encodeIfPresent(note, forKey: .note)
        }
    }
}
