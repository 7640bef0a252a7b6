import Foundation

/// One step of a notarial matter. Encoded flat, e.g. `{"kind":"issue","date":"2025-05-10","certificateNumber":"…","fee":200}`.
public enum NotaryEvent: CaseEvent, Hashable {
    /// Opens the matter: the application reached the notary office on `date`. `matterType` is a code of the office's list of
    /// matter types (data, extended by the admin; the server checks it against the list); `purpose` is what the
    /// certificate is for (用途, e.g. the country where a 涉外 certificate is used).
    case receive(date: CivilDate, matterType: String, purpose: String, summary: String)
    /// 受理, with the notary in charge (承办公证员). The 15-working-day clock runs from here (《公证法》第三十条).
    case accept(date: CivilDate, notaryID: UUID, notaryName: String)
    /// 不予受理, with the reason.
    case refuse(date: CivilDate, reason: String)
    /// 暂停计时: the clock stops for supplementing materials, verification or force majeure.
    case pause(date: CivilDate, ground: NotaryPauseGround, note: String? = nil)
    /// 恢复计时.
    case resume(date: CivilDate)
    /// 出具公证书: its number (allocated by the office in the issue's transaction) and the fee charged, in yuan.
    case issue(date: CivilDate, certificateNumber: String, fee: Decimal)
    /// 不予办理公证, with the reason (《公证法》第三十一条).
    case decline(date: CivilDate, reason: String)
    /// 撤回: the applicant withdrew the application.
    case withdraw(date: CivilDate, note: String? = nil)

    public var kind: String {
        switch self {
        case .receive: "receive"
        case .accept: "accept"
        case .refuse: "refuse"
        case .pause: "pause"
        case .resume: "resume"
        case .issue: "issue"
        case .decline: "decline"
        case .withdraw: "withdraw"
        }
    }

    public static let kinds = ["receive", "accept", "refuse", "pause", "resume", "issue", "decline", "withdraw"]

    public var date: CivilDate {
        switch self {
        case .receive(let date, _, _, _), .accept(let date, _, _), .refuse(let date, _), .pause(let date, _, _), .resume(let date),
             .issue(let date, _, _), .decline(let date, _), .withdraw(let date, _):
            date
        }
    }

    public var summary: String {
        switch self {
        case .receive: "收到公证申请"
        case .accept(_, _, let name): "受理，承办公证员\(name)"
        case .refuse(_, let reason): "不予受理：\(reason)"
        case .pause(_, let ground, _): "暂停计时：\(ground.label)"
        case .resume: "恢复计时"
        case .issue(_, let number, let fee): "出具公证书\(number)，收费\(NotaryEvent.yuan(fee))元"
        case .decline(_, let reason): "不予办理公证：\(reason)"
        case .withdraw: "申请人撤回公证申请"
        }
    }

    /// A fee as written on the page: whole yuan without decimals, else two.
    public static func yuan(_ fee: Decimal) -> String {
        var value = fee
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        return "\(rounded)"
    }
}

extension NotaryEvent {
    enum Key: String, CodingKey {
        case kind, date, matterType, purpose, summary, notaryID, notaryName, reason, ground, note, certificateNumber, fee
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let kind = try c.decode(String.self, forKey: .kind)
        let date = try c.decode(CivilDate.self, forKey: .date)
        switch kind {
        case "receive":
            self = .receive(date: date, matterType: try c.decode(String.self, forKey: .matterType),
                            purpose: try c.decodeIfPresent(String.self, forKey: .purpose) ?? "", summary: try c.decode(String.self, forKey: .summary))
        case "accept":
            // A form names the notary by id; the server completes the name from the office's staff before the rules decide.
            self = .accept(date: date, notaryID: try c.decode(UUID.self, forKey: .notaryID),
                           notaryName: try c.decodeIfPresent(String.self, forKey: .notaryName) ?? "")
        case "refuse": self = .refuse(date: date, reason: try c.decode(String.self, forKey: .reason))
        case "pause":
            self = .pause(date: date, ground: try c.decode(NotaryPauseGround.self, forKey: .ground), note: try c.decodeIfPresent(String.self, forKey: .note))
        case "resume": self = .resume(date: date)
        case "issue":
            // The number is the office's to allocate, in the issue's transaction; a posted one is replaced.
            let fee: Decimal
            if let number = try? c.decode(Decimal.self, forKey: .fee) {
                fee = number
            } else if let text = try c.decodeIfPresent(String.self, forKey: .fee), let number = Decimal(string: text.trimmingCharacters(in: .whitespaces)) {
                fee = number
            } else {
                throw DecodingError.dataCorruptedError(forKey: .fee, in: c, debugDescription: "收费金额须为数字（元）")
            }
            self = .issue(date: date, certificateNumber: try c.decodeIfPresent(String.self, forKey: .certificateNumber) ?? "", fee: fee)
        case "decline": self = .decline(date: date, reason: try c.decode(String.self, forKey: .reason))
        case "withdraw": self = .withdraw(date: date, note: try c.decodeIfPresent(String.self, forKey: .note))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "未知的公证事件类型「\(kind)」")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(date, forKey: .date)
        switch self {
        case .receive(_, let type, let purpose, let summary):
            try c.encode(type, forKey: .matterType)
            try c.encode(purpose, forKey: .purpose)
            try c.encode(summary, forKey: .summary)
        case .accept(_, let id, let name):
            try c.encode(id, forKey: .notaryID)
            try c.encode(name, forKey: .notaryName)
        case .refuse(_, let reason), .decline(_, let reason): try c.encode(reason, forKey: .reason)
        case .pause(_, let ground, let note):
            try c.encode(ground, forKey: .ground)
            try c.encodeIfPresent(note, forKey: .note)
        case .resume: break
        case .issue(_, let number, let fee):
            try c.encode(number, forKey: .certificateNumber)
            try c.encode(fee, forKey: .fee)
        case .withdraw(_, let note): try c.encodeIfPresent(note, forKey: .note)
        }
    }
}
