/// A reconsideration case folded from its events (`ReconsiderationRules`): what happened and when,
/// everything the queues, the timeline, the instruments and the statistics read.
public struct ReconsiderationDossier: CaseDossier, Hashable {
    public internal(set) var state: ReconsiderationState

    // Registration (行政复议法第二十条至第二十二条).
    public internal(set) var receivedOn: CivilDate
    public internal(set) var knewOn: CivilDate
    public internal(set) var actDate: CivilDate?
    public internal(set) var informedOfRight: Bool
    public internal(set) var learnedOfRightOn: CivilDate?
    public internal(set) var realProperty: Bool
    public internal(set) var channel: ApplicationChannel
    public internal(set) var postedOn: CivilDate?
    /// The application came after its deadline (第二十条、第二十一条): flagged, not refused —
    /// whether a delay had good cause (第二十条第二款) is the officer's call at acceptance.
    public internal(set) var isLate: Bool
    /// Which limit was passed and when it ended, in Chinese; nil when in time.
    public internal(set) var lateBasis: String?

    // Acceptance review (第三十条、第三十一条).
    /// The day the running (or last) 5-working-day review began: receipt, or receipt of the supplement.
    public internal(set) var reviewStartedOn: CivilDate
    public internal(set) var supplementRequest: ReconsiderationSupplementRequest?
    public internal(set) var acceptedOn: CivilDate?
    /// Accepted by operation of law (第三十条第三款), not by a decision.
    public internal(set) var deemedAccepted: Bool
    public internal(set) var rejectedOn: CivilDate?
    public internal(set) var rejectionReason: String?
    public internal(set) var abandonedOn: CivilDate?

    // Hearing of the case.
    /// The procedure now (after any conversion, 第五十五条); nil before acceptance.
    public internal(set) var procedure: ReconsiderationProcedure?
    /// The procedure chosen at acceptance: governs the copy and reply periods already running.
    public internal(set) var acceptedProcedure: ReconsiderationProcedure?
    public internal(set) var convertedOn: CivilDate?
    public internal(set) var copySentOn: CivilDate?
    public internal(set) var copyDeliveredOn: CivilDate?
    public internal(set) var replyReceivedOn: CivilDate?
    public internal(set) var hearings: [ReconsiderationHearing]
    public internal(set) var fileReadings: [ReconsiderationFileReading]
    public internal(set) var suspensions: [ReconsiderationSuspension]
    public internal(set) var `extension`: ReconsiderationExtension?

    // Conclusion.
    public internal(set) var concludedOn: CivilDate?
    public internal(set) var outcome: ReconsiderationOutcome?
    /// 第六十四条: a partial revocation.
    public internal(set) var partialRevocation: Bool
    /// 第六十四条: the respondent was ordered to act anew (责令重作).
    public internal(set) var orderRedo: Bool
    public internal(set) var terminationGround: TerminationGround?

    // Letters to agencies (第七十六条; 实施条例第六十九条).
    public internal(set) var opinionLetters: [OpinionLetter]
    public internal(set) var recommendationLetters: [RecommendationLetter]

    /// The date of the latest event: events are recorded in date order.
    public internal(set) var lastEventOn: CivilDate

    init(receivedOn: CivilDate, knewOn: CivilDate, actDate: CivilDate?, informedOfRight: Bool,
         learnedOfRightOn: CivilDate?, realProperty: Bool, channel: ApplicationChannel, postedOn: CivilDate?) {
        self.state = .awaitingAcceptance
        self.receivedOn = receivedOn
        self.knewOn = knewOn
        self.actDate = actDate
        self.informedOfRight = informedOfRight
        self.learnedOfRightOn = learnedOfRightOn
        self.realProperty = realProperty
        self.channel = channel
        self.postedOn = postedOn
        self.isLate = false
        self.lateBasis = nil
        self.reviewStartedOn = receivedOn
        self.deemedAccepted = false
        self.hearings = []
        self.fileReadings = []
        self.suspensions = []
        self.partialRevocation = false
        self.orderRedo = false
        self.opinionLetters = []
        self.recommendationLetters = []
        self.lastEventOn = receivedOn
    }

    /// The suspension in force, if the case is suspended.
    public var currentSuspension: ReconsiderationSuspension? {
        state == .suspended ? suspensions.last : nil
    }

    /// The latest hearing (scheduled or held).
    public var hearing: ReconsiderationHearing? { hearings.last }

    /// The day an application counts as made for its deadline: posting date for a posted one.
    public var appliedOn: CivilDate { channel == .post ? (postedOn ?? receivedOn) : receivedOn }

    /// The day the dossier stopped being open: concluded, rejected or abandoned.
    public var closedOn: CivilDate? { concludedOn ?? rejectedOn ?? abandonedOn }

    /// Counted in `reconsideration.concluded` (审结): accepted cases that ended.
    public var isConcluded: Bool { state == .concluded }

    public var summary: CaseSummary {
        CaseSummary(state: state.rawValue, stateLabel: state.label, receivedOn: receivedOn, acceptedOn: acceptedOn,
                    concludedOn: concludedOn, outcome: outcome?.rawValue, outcomeLabel: outcomeLabel, isOpen: state.isOpen)
    }

    /// 部分撤销并责令重作, 终止行政复议（准予撤回）…
    public var outcomeLabel: String? {
        guard let outcome else { return nil }
        if outcome == .termination, let terminationGround {
            return "\(outcome.label)（\(terminationGround.label)）"
        }
        return Self.outcomeLabel(outcome, partial: partialRevocation, orderRedo: orderRedo)
    }

    static func outcomeLabel(_ outcome: ReconsiderationOutcome, partial: Bool, orderRedo: Bool) -> String {
        guard outcome == .revoke else { return outcome.label }
        return (partial ? "部分撤销" : "撤销") + (orderRedo ? "并责令重新作出行政行为" : "")
    }
}
