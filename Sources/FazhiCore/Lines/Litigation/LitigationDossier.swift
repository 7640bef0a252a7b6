/// A lawsuit against a district agency folded from its events (`LitigationRules`).
public struct LitigationDossier: CaseDossier, Hashable {
    public internal(set) var state: LitigationState
    /// The day the agency received the complaint copy.
    public internal(set) var servedOn: CivilDate
    public internal(set) var court: String
    public internal(set) var courtCaseNumber: String
    public internal(set) var claims: String
    public internal(set) var defenceSubmittedOn: CivilDate?
    public internal(set) var hearings: [LitigationHearing]
    public internal(set) var result: LitigationJudgmentResult?
    /// Judgment, withdrawal, or closure without either.
    public internal(set) var concludedOn: CivilDate?
    public internal(set) var closedOn: CivilDate?
    public internal(set) var closeReason: String?
    public internal(set) var lastEventOn: CivilDate

    init(servedOn: CivilDate, court: String, courtCaseNumber: String, claims: String) {
        self.state = .awaitingDefence
        self.servedOn = servedOn
        self.court = court
        self.courtCaseNumber = courtCaseNumber
        self.claims = claims
        self.hearings = []
        self.lastEventOn = servedOn
    }

    /// Numerator of `litigation.head_appearance_rate` (REPORT.md): hearings a head attended.
    public var headAppearances: Int { hearings.filter(\.headAppeared).count }

    /// How the case ended: a `LitigationJudgmentResult` code, `withdrawn`, or `closed`.
    public var outcome: String? {
        if let result { return result.rawValue }
        if concludedOn == nil { return nil }
        return closeReason == nil ? "withdrawn" : "closed"
    }

    public var outcomeLabel: String? {
        if let result { return result.label }
        if concludedOn == nil { return nil }
        return closeReason.map { "结案：\($0)" } ?? "原告撤诉"
    }

    public var summary: CaseSummary {
        CaseSummary(state: state.rawValue, stateLabel: state.label, receivedOn: servedOn, acceptedOn: nil,
                    concludedOn: concludedOn, outcome: outcome, outcomeLabel: outcomeLabel, isOpen: state.isOpen)
    }
}
