/// The steps a person may take on a lawsuit in each state (the case page offers these, and only these). Each step is
/// still checked by `apply`, for the page and the API alike.
extension LitigationRules {
    public static func allowedEvents(for dossier: Dossier) -> [String] {
        switch dossier.state {
        case .awaitingDefence: ["submitDefence", "holdHearing", "judge", "withdraw", "close"]
        case .defended: ["holdHearing", "judge", "withdraw", "close"]
        case .judged, .withdrawn: ["close"]
        case .closed: []
        }
    }
}
