/// The events the rules accept in each state, in the order the case page offers them; `apply` still checks each one's
/// fields, dates and periods and names the article when it refuses.
extension ReconsiderationRules {
    public static func allowedEvents(for dossier: Dossier) -> [String] {
        // 第七十六条、实施条例第六十九条: letters from acceptance on; the agency reports how it complied with an opinion
        // letter within 60 days, whatever the case's state by then.
        var letters = ["issueOpinionLetter", "issueRecommendationLetter"]
        if dossier.opinionLetters.contains(where: { $0.compliedOn == nil }) { letters.insert("recordOpinionCompliance", at: 1) }
        if let last = dossier.opinionLetters.last, last.deliveredOn == nil, last.compliedOn == nil {
            letters.insert("deliverOpinionLetter", at: 1)
        }
        // 第四十七条、第四十八条、第五十五条、第七十三条、第七十四条: while accepted, under review or suspended.
        let delivery = dossier.copySentOn != nil && dossier.copyDeliveredOn == nil && dossier.replyReceivedOn == nil
        let whileAccepted = ["sendCopy"] + (delivery ? ["deliverCopy"] : []) + ["receiveReply", "requestFileReading", "grantFileReading", "convertProcedure", "mediate",
                             "settleAndWithdraw", "withdraw", "terminate"]
        switch dossier.state {
        case .awaitingAcceptance:
            return ["accept", "requestSupplement", "reject", "deemAccept"]
        case .awaitingSupplement:
            return ["receiveSupplement", "abandon"]
        case .underReview:
            // 第三十九条、第五十一条、第六十二条: hearings, suspension, extension and the decision only while under review.
            let review = Array(whileAccepted.prefix { $0 != "convertProcedure" })
            return review + ["scheduleHearing", "holdHearing", "suspend", "extend"]
                + Array(whileAccepted.drop { $0 != "convertProcedure" }) + ["decide"] + letters
        case .suspended:
            return ["resume"] + whileAccepted + letters
        case .concluded:
            return letters
        case .rejected, .abandoned:
            return []
        }
    }
}
