import Foundation

/// A dispute in people's mediation folded from its events (`MediationRules`).
public struct MediationDossier: CaseDossier, Hashable {
    /// The agreement reached, and what became of it in court.
    public struct Agreement: Codable, Hashable, Sendable {
        public var date: CivilDate
        public var form: AgreementForm
        public var terms: String
        /// The day the parties applied for judicial confirmation, and where.
        public var confirmationAppliedOn: CivilDate?
        public var confirmationCourt: String?
        /// The court's ruling: true confirmed valid, false rejected; nil while none.
        public var confirmed: Bool?
        public var confirmationRuledOn: CivilDate?
    }

    public struct FollowUp: Codable, Hashable, Sendable {
        public var date: CivilDate
        public var performance: AgreementPerformance
        public var note: String?
    }

    public internal(set) var state: MediationState
    public internal(set) var receivedOn: CivilDate
    /// A code of the bureau's dispute types (`mediation_dispute_types`).
    public internal(set) var disputeType: String
    public internal(set) var source: DisputeSource
    public internal(set) var disputeSummary: String
    public internal(set) var acceptedOn: CivilDate?
    public internal(set) var mediatorID: UUID?
    public internal(set) var mediatorName: String?
    public internal(set) var sessions: [CivilDate]
    public internal(set) var agreement: Agreement?
    public internal(set) var refusal: MediationRefusalGround?
    /// What the parties were told when mediation failed, or the body the dispute was handed to.
    public internal(set) var route: String?
    public internal(set) var concludedOn: CivilDate?
    public internal(set) var followUps: [FollowUp]
    public internal(set) var lastEventOn: CivilDate

    init(receivedOn: CivilDate, disputeType: String, source: DisputeSource, summary: String) {
        self.state = .received
        self.receivedOn = receivedOn
        self.disputeType = disputeType
        self.source = source
        self.disputeSummary = summary
        self.sessions = []
        self.followUps = []
        self.lastEventOn = receivedOn
    }

    /// Counted in `mediation.resolved` (or, from labour arbitration, `mediation.labor_arbitration_mediated`).
    public var isResolved: Bool { state == .resolved }

    /// Resolved and not yet visited since (待回访).
    public var awaitsFollowUp: Bool { isResolved && followUps.isEmpty }

    public var outcome: String? {
        switch state {
        case .received, .mediating: nil
        case .resolved: agreement?.form == .oral ? "oralAgreement" : "writtenAgreement"
        case .notResolved: "notResolved"
        case .referred: "referred"
        case .refused: "refused"
        }
    }

    public var outcomeLabel: String? {
        switch state {
        case .received, .mediating: nil
        case .resolved: agreement.map { "调解成功（\($0.form.label)）" }
        case .notResolved: "调解不成"
        case .referred: route.map { "移交\($0)" } ?? "已移交"
        case .refused: refusal.map { "不予受理：\($0.label)" }
        }
    }

    public var summary: CaseSummary {
        CaseSummary(state: state.rawValue, stateLabel: state.label, receivedOn: receivedOn, acceptedOn: acceptedOn,
                    concludedOn: concludedOn, outcome: outcome, outcomeLabel: outcomeLabel, isOpen: state.isOpen)
    }
}
