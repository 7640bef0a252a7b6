import Foundation

/// The rules of a normative document's legality review (行政规范性文件合法性审核): the drafting agency submits the draft,
/// the bureau's legality-review office gives its opinion within the review period (国办发〔2018〕115号: generally no
/// fewer than 5 working days, at most 15), and the agency adopts the document or withdraws it. A draft found unlawful
/// may not be adopted (未经合法性审核或者经审核不合法的，不得提交集体审议). The register of documents, filing,
/// post-evaluation and clean-up live beside the case (`NormativeDocumentModule`).
public enum NormativeDocumentRules: CaseLineRules {
    public typealias Event = NormativeDocumentEvent
    public typealias Dossier = NormativeDocumentDossier

    public static var line: WorkLine { .normativeDocument }

    public static var caseNumberPattern: String { "东规审〔{year}〕{seq}号" }

    /// The longest opinion or note, in characters.
    public static let maximumText = 5_000

    public static let basis115 = "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）"

    public static func open(with event: Event, calendar: WorkingCalendar) throws(TransitionError) -> Dossier {
        guard case .submit(let date, let title) = event else {
            throw TransitionError(code: "not_submitted", message: "合法性审核须以制定机关送审开始，不能以「\(event.summary)」开始")
        }
        try requireText(title, field: "title", message: "须写明送审文件的名称")
        return Dossier(submittedOn: date, title: title)
    }

    public static func apply(_ event: Event, to dossier: Dossier, calendar: WorkingCalendar) throws(TransitionError) -> Dossier {
        try requireInOrder(event, after: dossier.lastEventOn)
        var dossier = dossier
        switch event {
        case .submit:
            throw TransitionError(code: "already_submitted", message: "本件已于\(dossier.submittedOn.chinese)送审")
        case .giveOpinion(let date, let opinion, let articles, let text):
            try require(dossier, in: .submitted, action: "出具审核意见")
            if opinion != .lawful { try requireText(text, field: "text", message: "审核意见为「\(opinion.label)」的，须写明修改意见或不合法的理由") }
            if opinion == .unlawful {
                try requireText(articles, field: "articles", message: "审核意见为「不合法」的，须写明所依据的法律、法规、规章条款")
            }
            try requireBounded(text, field: "text")
            try requireBounded(articles, field: "articles")
            dossier.opinion = opinion
            dossier.opinionOn = date
            dossier.articles = articles
            dossier.opinionText = text
            dossier.state = .opinionGiven
        case .adopt(let date, let number):
            if dossier.state == .submitted {
                throw TransitionError(code: "not_reviewed", message: "未经合法性审核的文件不得提交审议（\(basis115)）", field: "kind")
            }
            try require(dossier, in: .opinionGiven, action: "登记审议通过")
            if dossier.opinion == .unlawful {
                throw TransitionError(code: "reviewed_unlawful",
                                      message: "经审核不合法的文件不得提交审议（\(basis115)）：请修改后重新送审，或登记撤回", field: "kind")
            }
            dossier.documentNumber = number.trimmingWhitespace.isEmpty ? nil : number.trimmingWhitespace
            dossier.concludedOn = date
            dossier.state = .adopted
        case .withdraw(let date, let note):
            guard dossier.state.isOpen else { throw ended(dossier, action: "撤回") }
            try requireBounded(note ?? "", field: "note")
            dossier.note = note
            dossier.concludedOn = date
            dossier.state = .withdrawn
        }
        dossier.lastEventOn = event.date
        return dossier
    }

    public static func allowedEvents(for dossier: Dossier) -> [String] {
        switch dossier.state {
        case .submitted: ["giveOpinion", "withdraw"]
        case .opinionGiven: dossier.opinion == .unlawful ? ["withdraw"] : ["adopt", "withdraw"]
        case .adopted, .withdrawn: []
        }
    }

    /// The review period: at most 15 working days from submission, completed by the opinion (or the withdrawal); the
    /// reviewer is to be given at least 5 of them (shown in the explanation, not enforced against the reviewer).
    public static func deadlines(of dossier: Dossier, calendar: WorkingCalendar) -> [CaseDeadline] {
        guard let rule = try? catalogue.rule("normativeDocument.legalityReview"),
              var deadline = CaseDeadline(rule, from: dossier.submittedOn, completedOn: dossier.opinionOn ?? dossier.concludedOn,
                                          calendar: calendar)
        else { return [] }
        if let minimum = try? catalogue.rule("normativeDocument.legalityReview.minimum"),
           let earliest = try? minimum.clock(from: dossier.submittedOn).compute(in: calendar) {
            deadline.explanation.append("审核时间一般不少于五个工作日（至\(earliest.due.chinese)），\(basis115)")
        }
        return [deadline]
    }

    public static func automaticEvents(for dossier: Dossier, today: CivilDate, calendar: WorkingCalendar) -> [Event] { [] }

    /// REPORT.md `normative_docs.legality_reviews`: a review counts on the day its opinion was given.
    public static func contributions(of dossier: Dossier, calendar: WorkingCalendar) -> [MetricContribution] {
        guard let on = dossier.opinionOn else { return [] }
        return [MetricContribution("normative_docs.legality_reviews", on: on)]
    }

    static func requireBounded(_ text: String, field: String) throws(TransitionError) {
        guard text.count > maximumText else { return }
        throw TransitionError(code: "text_too_long", message: "内容不能超过\(maximumText)个字符（收到\(text.count)个）", field: field)
    }

    static func require(_ dossier: Dossier, in state: NormativeDocumentReviewState, action: String) throws(TransitionError) {
        guard dossier.state != state else { return }
        if !dossier.state.isOpen { throw ended(dossier, action: action) }
        throw TransitionError(code: "wrong_state", message: "本件当前为「\(dossier.state.label)」，不能\(action)", field: "kind")
    }

    static func ended(_ dossier: Dossier, action: String) -> TransitionError {
        TransitionError(code: "case_ended", message: "本件已\(dossier.state.label)（\(dossier.concludedOn?.chinese ?? "")），不能\(action)", field: "kind")
    }
}

extension WorkLine {
    /// 行政规范性文件: the register of the district's documents, their legality review, filing, post-evaluation and
    /// clean-up, run by the bureau's legality-review office with the drafting agencies.
    public static let normativeDocument = WorkLine("normativeDocument", label: "规范性文件")
}
