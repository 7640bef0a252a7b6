// Letters to agencies: 行政复议意见书（行政复议法第七十六条）and 行政复议建议书（实施条例第六十九条）.
extension ReconsiderationRules {
    /// 第七十六条: 在办理行政复议案件过程中 — so from acceptance on, and after the decision (when a
    /// correction shows the agency's practice must change).
    static func issueOpinionLetter(on date: CivilDate, recipient: String?, deliveredOn: CivilDate?, dossier: inout Dossier) throws(TransitionError) {
        try requireAccepted(dossier, action: "制发行政复议意见书（《行政复议法》第七十六条）")
        if let deliveredOn, deliveredOn < date {
            throw TransitionError(code: "invalid_date", message: "有关机关收到意见书之日不能早于制发之日", field: "deliveredOn")
        }
        let blank = recipient.map { $0.trimmingWhitespace.isEmpty } ?? false
        dossier.opinionLetters.append(OpinionLetter(number: dossier.opinionLetters.count + 1, issuedOn: date,
                                                    recipient: blank ? nil : recipient, deliveredOn: deliveredOn))
    }

    /// 第七十六条: the day the agency received a letter whose delivery was not known as it was issued (the proof of
    /// service's day); its 60 days run from it. `letter` nil: the latest letter.
    static func deliverOpinionLetter(on date: CivilDate, letter: Int?, dossier: inout Dossier) throws(TransitionError) {
        guard let index = letter.map({ number in dossier.opinionLetters.firstIndex { $0.number == number } })
                ?? dossier.opinionLetters.indices.last else {
            throw TransitionError(code: "no_such_letter", message: "本案没有\(letter.map { "第\($0)号" } ?? "")行政复议意见书",
                                  field: letter == nil ? nil : "letter")
        }
        let found = dossier.opinionLetters[index]
        if let delivered = found.deliveredOn {
            throw TransitionError(code: "letter_delivered", message: "第\(found.number)号意见书已登记于\(delivered.chinese)送达", field: "letter")
        }
        if found.compliedOn != nil {
            throw TransitionError(code: "letter_complied", message: "第\(found.number)号意见书的落实情况已登记", field: "letter")
        }
        if date < found.issuedOn {
            throw TransitionError(code: "invalid_date", message: "收到意见书之日不能早于制发之日\(found.issuedOn.chinese)", field: "date")
        }
        dossier.opinionLetters[index].deliveredOn = date
    }

    /// 第七十六条: the latest opinion letter (the one the document prints) served on the agency records its receipt, from
    /// which its 60 days run; nothing once its receipt or the report is known, or before the last record.
    static func opinionLetterDelivery(_ service: DocumentService, dossier: Dossier) -> Event? {
        guard service.recipientRole == "agency", let letter = dossier.opinionLetters.last, letter.deliveredOn == nil,
              letter.compliedOn == nil, service.servedOn >= max(letter.issuedOn, dossier.lastEventOn) else { return nil }
        return .deliverOpinionLetter(date: service.servedOn, letter: letter.number)
    }

    /// 第七十六条: 有关机关应当自收到行政复议意见书之日起六十日内，将纠正相关违法或者不当行政行为的情况报送行政复议机关.
    static func recordOpinionCompliance(on date: CivilDate, letter: Int?, dossier: inout Dossier) throws(TransitionError) {
        let index: Int
        if let letter {
            guard let found = dossier.opinionLetters.firstIndex(where: { $0.number == letter }) else {
                throw TransitionError(code: "no_such_letter", message: "本案没有第\(letter)号行政复议意见书", field: "letter")
            }
            guard dossier.opinionLetters[found].compliedOn == nil else {
                throw TransitionError(code: "letter_complied",
                                      message: "第\(letter)号意见书的落实情况已于\(dossier.opinionLetters[found].compliedOn!.chinese)登记", field: "letter")
            }
            index = found
        } else {
            guard let found = dossier.opinionLetters.firstIndex(where: { $0.compliedOn == nil }) else {
                throw TransitionError(code: "no_open_letter", message: "本案没有待落实的行政复议意见书（《行政复议法》第七十六条）")
            }
            index = found
        }
        if let delivered = dossier.opinionLetters[index].deliveredOn, date < delivered {
            throw TransitionError(code: "invalid_date", message: "落实情况报告不能早于收到意见书之日\(delivered.chinese)", field: "date")
        }
        dossier.opinionLetters[index].compliedOn = date
    }

    static func issueRecommendationLetter(on date: CivilDate, recipient: String, dossier: inout Dossier) throws(TransitionError) {
        try requireAccepted(dossier, action: "制发行政复议建议书")
        try requireText(recipient, field: "recipient", message: "须写明建议书的受文机关")
        dossier.recommendationLetters.append(RecommendationLetter(issuedOn: date, recipient: recipient))
    }

    private static func requireAccepted(_ dossier: Dossier, action: String) throws(TransitionError) {
        if dossier.state.isAccepted { return }
        try require([.underReview, .suspended, .concluded], dossier, action: action)
    }
}
