import Foundation

/// One step of a normative document's legality review (合法性审核), the case the line runs. Encoded flat, e.g.
/// `{"kind":"giveOpinion","date":"2025-04-10","opinion":"lawfulWithChanges","articles":"…","text":"…"}`.
public enum NormativeDocumentEvent: CaseEvent, Hashable {
    /// Opens the review: the drafting agency submitted the draft on `date` (送审). The draft's text is kept with the case.
    case submit(date: CivilDate, title: String)
    /// 出具审核意见: lawful, lawful with changes, or unlawful — with the articles relied on and the opinion's text.
    case giveOpinion(date: CivilDate, opinion: LegalityOpinion, articles: String, text: String)
    /// The agency adopted the document (审议通过), with its number once it has one.
    case adopt(date: CivilDate, documentNumber: String)
    /// The agency withdrew the draft (撤回送审).
    case withdraw(date: CivilDate, note: String?)

    public var kind: String {
        switch self {
        case .submit: "submit"
        case .giveOpinion: "giveOpinion"
        case .adopt: "adopt"
        case .withdraw: "withdraw"
        }
    }

    public static let kinds = ["submit", "giveOpinion", "adopt", "withdraw"]

    public var date: CivilDate {
        switch self {
        case .submit(let date, _), .giveOpinion(let date, _, _, _), .adopt(let date, _), .withdraw(let date, _): date
        }
    }

    public var summary: String {
        switch self {
        case .submit(_, let title): "送审《\(title)》"
        case .giveOpinion(_, let opinion, _, _): "出具合法性审核意见：\(opinion.label)"
        case .adopt(_, let number): number.isEmpty ? "制定机关审议通过" : "制定机关审议通过（\(number)）"
        case .withdraw: "制定机关撤回送审"
        }
    }
}

extension NormativeDocumentEvent {
    enum Key: String, CodingKey {
        case kind, date, title, opinion, articles, text, documentNumber, note
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let kind = try c.decode(String.self, forKey: .kind)
        let date = try c.decode(CivilDate.self, forKey: .date)
        switch kind {
        case "submit": self = .submit(date: date, title: try c.decode(String.self, forKey: .title))
        case "giveOpinion":
            self = .giveOpinion(date: date, opinion: try c.decode(LegalityOpinion.self, forKey: .opinion),
                                articles: try c.decodeIfPresent(String.self, forKey: .articles) ?? "",
                                text: try c.decodeIfPresent(String.self, forKey: .text) ?? "")
        case "adopt": self = .adopt(date: date, documentNumber: try c.decodeIfPresent(String.self, forKey: .documentNumber) ?? "")
        case "withdraw": self = .withdraw(date: date, note: try c.decodeIfPresent(String.self, forKey: .note))
        default: throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "未知的合法性审核事件类型「\(kind)」")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(date, forKey: .date)
        switch self {
        case .submit(_, let title): try c.encode(title, forKey: .title)
        case .giveOpinion(_, let opinion, let articles, let text):
            try c.encode(opinion, forKey: .opinion)
            try c.encode(articles, forKey: .articles)
            try c.encode(text, forKey: .text)
        case .adopt(_, let number): try c.encode(number, forKey: .documentNumber)
        case .withdraw(_, let note): try c.encodeIfPresent(note, forKey: .note)
        }
    }
}

/// Where a legality review stands.
public enum NormativeDocumentReviewState: String, Codable, Hashable, Sendable, CaseIterable {
    /// 待审核: submitted, the review period runs.
    case submitted
    /// 已出具审核意见: the agency is to adopt or withdraw.
    case opinionGiven
    /// 已审议通过
    case adopted
    /// 已撤回
    case withdrawn

    public var label: String {
        switch self {
        case .submitted: "待审核"
        case .opinionGiven: "已出具审核意见"
        case .adopted: "已审议通过"
        case .withdrawn: "已撤回"
        }
    }

    public var isOpen: Bool { self == .submitted || self == .opinionGiven }
}

/// A legality review folded from its events (`NormativeDocumentRules`).
public struct NormativeDocumentDossier: CaseDossier, Hashable {
    public internal(set) var state: NormativeDocumentReviewState
    public internal(set) var submittedOn: CivilDate
    public internal(set) var title: String
    public internal(set) var opinion: LegalityOpinion?
    public internal(set) var opinionOn: CivilDate?
    public internal(set) var articles: String?
    public internal(set) var opinionText: String?
    public internal(set) var documentNumber: String?
    public internal(set) var note: String?
    public internal(set) var concludedOn: CivilDate?
    public internal(set) var lastEventOn: CivilDate

    init(submittedOn: CivilDate, title: String) {
        self.state = .submitted
        self.submittedOn = submittedOn
        self.title = title
        self.lastEventOn = submittedOn
    }

    public var summary: CaseSummary {
        let outcome: String? = switch state {
        case .submitted, .opinionGiven: nil
        case .adopted: "adopted"
        case .withdrawn: "withdrawn"
        }
        let outcomeLabel: String? = switch state {
        case .submitted: nil
        case .opinionGiven, .adopted: opinion.map { "审核意见：\($0.label)" }
        case .withdrawn: state.label
        }
        return CaseSummary(state: state.rawValue, stateLabel: state.label, receivedOn: submittedOn, acceptedOn: submittedOn,
                           concludedOn: concludedOn, outcome: outcome, outcomeLabel: outcomeLabel, isOpen: state.isOpen)
    }
}
