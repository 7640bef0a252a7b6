import Foundation

/// A legal-aid case folded from its events (`LegalAidRules`).
public struct LegalAidDossier: CaseDossier, Hashable {
    public struct Objection: Codable, Hashable, Sendable {
        public var date: CivilDate
        public var reason: String
        public var ruledOn: CivilDate?
        public var upheld: Bool?
    }

    public struct Assignment: Codable, Hashable, Sendable {
        public var date: CivilDate
        public var lawyerID: UUID
        public var lawyerName: String
        public var firm: String
        /// Why the next in rotation was passed over, when they were.
        public var skipReason: String?
    }

    public struct Closure: Codable, Hashable, Sendable {
        public var date: CivilDate
        public var result: String
        public var recoveredYuan: Int
        public var satisfaction: AidSatisfaction
    }

    public struct Review: Codable, Hashable, Sendable {
        public var date: CivilDate
        /// The sum of the checklist's items.
        public var score: Int
        /// The points of each item, by item code.
        public var items: [String: Int]
        public var reviewer: String
        public var note: String?
    }

    public internal(set) var state: LegalAidState
    public internal(set) var receivedOn: CivilDate
    public internal(set) var matter: LegalAidMatter
    /// A code of the centre's case types (`legal_aid_case_types`).
    public internal(set) var caseType: String
    public internal(set) var channel: LegalAidChannel
    /// The applicant's means and status as recorded; nil on a notice of mandatory defence.
    public internal(set) var facts: EligibilityFacts?
    public internal(set) var matterSummary: String
    public internal(set) var supplementRequestedOn: CivilDate?
    public internal(set) var missing: String?
    public internal(set) var supplementedOn: CivilDate?
    /// The eligibility decision and the day it was made (or the notice's day for mandatory defence).
    public internal(set) var decision: EligibilityDecision?
    public internal(set) var decidedOn: CivilDate?
    /// The day aid was granted — by decision, on a notice, or after an upheld objection: `legal_aid.accepted`.
    public internal(set) var grantedOn: CivilDate?
    public internal(set) var refusal: LegalAidRefusalGround?
    public internal(set) var refusalExplanation: String?
    public internal(set) var objection: Objection?
    public internal(set) var assignment: Assignment?
    public internal(set) var progress: [CivilDate]
    public internal(set) var closure: Closure?
    public internal(set) var review: Review?
    public internal(set) var concludedOn: CivilDate?
    public internal(set) var lastEventOn: CivilDate

    init(receivedOn: CivilDate, matter: LegalAidMatter, caseType: String, channel: LegalAidChannel, facts: EligibilityFacts?, summary: String) {
        self.state = .applied
        self.receivedOn = receivedOn
        self.matter = matter
        self.caseType = caseType
        self.channel = channel
        self.facts = facts
        self.matterSummary = summary
        self.progress = []
        self.lastEventOn = receivedOn
    }

    /// The day the seven working days of the decision run from: the application, or the supplement when one came.
    public var decisionClockStart: CivilDate { supplementedOn ?? receivedOn }

    public var outcome: String? {
        switch state {
        case .applied, .awaitingSupplement, .granted, .assigned, .objected: nil
        case .closed: "closed"
        case .refused: "refused"
        case .withdrawn: "withdrawn"
        }
    }

    public var outcomeLabel: String? {
        switch state {
        case .applied, .awaitingSupplement, .granted, .assigned, .objected: nil
        case .closed: closure.map { "已结案：\($0.result)" } ?? "已结案"
        case .refused: refusal.map { "不予法律援助：\($0.label)" }
        case .withdrawn: "已撤回"
        }
    }

    public var summary: CaseSummary {
        CaseSummary(state: state.rawValue, stateLabel: state.label, receivedOn: receivedOn, acceptedOn: grantedOn,
                    concludedOn: concludedOn, outcome: outcome, outcomeLabel: outcomeLabel, isOpen: state.isOpen)
    }
}
