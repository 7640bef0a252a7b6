/// The steps a person may take on a dispute in each state (the case page offers these, and only these). Each step is
/// still checked by `apply`, for the page and the API alike.
extension MediationRules {
    public static func allowedEvents(for dossier: Dossier) -> [String] {
        switch dossier.state {
        case .received: ["accept", "refuse", "refer"]
        case .mediating: ["holdSession", "agree", "fail", "assignMediator", "refer"]
        case .resolved:
            switch (dossier.agreement?.confirmationAppliedOn, dossier.agreement?.confirmed) {
            case (nil, _): ["followUp", "applyConfirmation"]
            case (.some, nil): ["followUp", "ruleConfirmation"]
            default: ["followUp"]
            }
        case .notResolved, .referred, .refused: []
        }
    }
}
