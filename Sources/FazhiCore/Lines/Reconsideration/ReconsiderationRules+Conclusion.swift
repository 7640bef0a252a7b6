// How an accepted case ends (审结): a decision, a mediation statement, a settlement and withdrawal,
// or a termination (行政复议法第四十一条、第六十三条至第七十四条).
extension ReconsiderationRules {
    /// 第六十三条至第七十二条、第三十三条: a decision needs an accepted case that is not suspended.
    static func decide(on date: CivilDate, outcome: ReconsiderationOutcome, partial: Bool, orderRedo: Bool,
                       dossier: inout Dossier) throws(TransitionError) {
        try require([.underReview], dossier, action: "作出行政复议决定")
        guard outcome.isDecision else {
            let event = outcome == .mediation ? "制作调解书" : outcome == .settlementWithdrawal ? "和解后撤回申请" : "撤回申请或终止"
            throw TransitionError(code: "not_a_decision",
                                  message: "「\(outcome.label)」不以行政复议决定结案，应登记为「\(event)」（\(outcome.basis)）",
                                  field: "outcome")
        }
        if (partial || orderRedo) && outcome != .revoke {
            throw TransitionError(code: "not_a_revocation",
                                  message: "部分撤销、责令重新作出只适用于撤销决定（《行政复议法》第六十四条）", field: "outcome")
        }
        try conclude(on: date, outcome: outcome, action: "作出行政复议决定", dossier: &dossier)
        dossier.partialRevocation = partial
        dossier.orderRedo = orderRedo
    }

    /// 第四十一条. Ground （五） needs a suspension on 第三十九条第一款第一、二、四项 still in force on
    /// its 60th day or later: 中止满六十日 is reached on that day, when the prompt falls due.
    static func terminate(on date: CivilDate, ground: TerminationGround, dossier: inout Dossier) throws(TransitionError) {
        try require(accepted, dossier, action: "终止行政复议（\(ground.basis)）")
        if ground == .suspensionExpired {
            guard let suspension = dossier.currentSuspension, suspension.ground.promptsTermination else {
                throw TransitionError(code: "no_qualifying_suspension",
                                      message: "只有依照第三十九条第一款第一、二、四项中止满六十日的案件才能以此为由终止（《行政复议法》第四十一条第五项）",
                                      field: "ground")
            }
            let full = suspension.suspendedOn.adding(days: 60)
            guard date >= full else {
                throw TransitionError(code: "suspension_not_expired",
                                      message: "案件于\(suspension.suspendedOn.chinese)中止，至\(full.chinese)方满六十日，期间内不能以此为由终止（《行政复议法》第四十一条第五项）",
                                      field: "date")
            }
        }
        try conclude(on: date, outcome: .termination, action: "终止行政复议（\(ground.basis)）", dossier: &dossier)
        dossier.terminationGround = ground
    }

    /// Mediation (第七十三条), settlement (第七十四条) and termination may come while suspended
    /// (第三十九条第一款第六项 suspends precisely for mediation); a decision may not.
    static func conclude(on date: CivilDate, outcome: ReconsiderationOutcome, action: String, dossier: inout Dossier) throws(TransitionError) {
        try require(outcome.isDecision ? [.underReview] : accepted, dossier, action: action)
        if dossier.state == .suspended {
            // The clock stood still until the end: the suspension ends with the case.
            dossier.suspensions[dossier.suspensions.count - 1].endedOn = date
        }
        dossier.concludedOn = date
        dossier.outcome = outcome
        dossier.state = .concluded
    }
}
