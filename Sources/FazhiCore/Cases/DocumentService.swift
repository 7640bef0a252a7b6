import Foundation

/// How a document reached its recipient (送达方式), as a proof of service (送达回证) records it.
public enum ServiceMethod: String, Codable, CaseIterable, Sendable {
    /// 直接送达: handed over, the recipient signs the proof.
    case byHand
    /// 邮寄送达: by registered post; the tracking number proves it and the day signed for is the day served.
    case byPost
    /// 电子送达: to an address the recipient agreed to (the portal's read receipt, once it exists).
    case electronic
    /// 公告送达: the recipient cannot be reached; served when the notice period ends.
    case publicNotice

    public var label: String {
        switch self {
        case .byHand: "直接送达"
        case .byPost: "邮寄送达"
        case .electronic: "电子送达"
        case .publicNotice: "公告送达"
        }
    }
}

/// One service of a document on one recipient (送达回证): who received it, how, when it left and when it was served.
/// The day served is what a deadline running "from receipt" counts from (e.g. the respondent's reply period,
/// 《行政复议法》第四十八条), so it is checked before anything is written.
public struct DocumentService: Sendable, Equatable {
    /// The recipient's role on the case (`applicant`, `thirdParty`, `agency` …) and name as printed on the proof.
    public var recipientRole: String
    public var recipientName: String
    public var method: ServiceMethod
    /// The day the document was sent or handed out; the day served when not given.
    public var sentOn: CivilDate?
    /// The day the recipient received it (signed, read, or the notice period ended).
    public var servedOn: CivilDate
    /// Registered post's tracking number (required for 邮寄送达).
    public var trackingNumber: String?
    /// Where a public notice was published, who signed for the recipient …
    public var note: String?

    public static let noteLimit = 500

    public init(recipientRole: String, recipientName: String, method: ServiceMethod, sentOn: CivilDate? = nil,
                servedOn: CivilDate, trackingNumber: String? = nil, note: String? = nil) {
        self.recipientRole = recipientRole
        self.recipientName = recipientName
        self.method = method
        self.sentOn = sentOn
        self.servedOn = servedOn
        self.trackingNumber = trackingNumber
        self.note = note
    }

    /// Every rule the record breaks, each naming its field: the recipient must be one the document is served on, the
    /// days must lie between the document's issue and `today` (sent no later than served), post needs its tracking
    /// number and a public notice where it was published.
    public func problems(issuedOn: CivilDate, today: CivilDate, recipients: Set<ServiceRecipient>) -> [FieldError] {
        var problems: [FieldError] = []
        if recipientName.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(FieldError(field: "recipient", message: "请选择受送达人"))
        } else if !recipients.contains(ServiceRecipient(role: recipientRole, name: recipientName)) {
            problems.append(FieldError(field: "recipient", message: "受送达人须为本案当事人、代理人或行政机关"))
        }
        if servedOn > today {
            problems.append(FieldError(field: "servedOn", message: "送达日期不能晚于今天"))
        } else if servedOn < issuedOn {
            problems.append(FieldError(field: "servedOn", message: "送达日期不能早于文书制作日期\(issuedOn.chinese)"))
        }
        if let sentOn {
            if sentOn > servedOn {
                problems.append(FieldError(field: "sentOn", message: "发出日期不能晚于送达日期"))
            } else if sentOn < issuedOn {
                problems.append(FieldError(field: "sentOn", message: "发出日期不能早于文书制作日期\(issuedOn.chinese)"))
            }
        }
        let tracking = trackingNumber ?? ""
        if method == .byPost, tracking.isEmpty {
            problems.append(FieldError(field: "trackingNumber", message: "邮寄送达须填写邮件单号"))
        } else if !tracking.isEmpty,
                  tracking.count > 40 || !tracking.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic
                      || ("0"..."9").contains($0) || $0 == "-") }) {
            problems.append(FieldError(field: "trackingNumber", message: "邮件单号须为不超过40位的字母、数字或连字符"))
        }
        if method == .publicNotice, (note ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(FieldError(field: "note", message: "公告送达须写明公告的载体和日期"))
        } else if let note, note.count > Self.noteLimit {
            problems.append(FieldError(field: "note", message: "备注不能超过\(Self.noteLimit)个字"))
        } else if let note, let problem = PlainText.problem(note, field: "note", label: "备注", multiline: true) {
            problems.append(problem)
        }
        return problems
    }
}

/// Someone a case's documents are served on: a party, an agent, or the agency (role `agency`).
public struct ServiceRecipient: Hashable, Sendable {
    public let role: String
    public let name: String

    public init(role: String, name: String) {
        self.role = role
        self.name = name
    }
}
