/// The steps a person may take on a legal-aid case in each state (the case page offers these, and only these). Each
/// step is still checked by `apply`, for the page and the API alike.
extension LegalAidRules {
    public static func allowedEvents(for dossier: Dossier) -> [String] {
        switch dossier.state {
        case .applied: (dossier.supplementRequestedOn == nil ? ["requestSupplement"] : []) + ["grant", "refuse", "withdraw"]
        case .awaitingSupplement: ["supplement", "withdraw"]
        case .granted: ["assign", "withdraw"]
        case .assigned: ["recordProgress", "close"]
        case .closed: dossier.review == nil ? ["review"] : []
        case .refused: dossier.objection == nil ? ["object"] : []
        case .objected: ["ruleObjection"]
        case .withdrawn: []
        }
    }
}
