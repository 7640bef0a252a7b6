import Foundation

/// A notarial matter (公证事项) folded from its events (`NotaryRules`).
public struct NotaryDossier: CaseDossier, Hashable {
    /// A stop of the clock: the day it was paused, its ground, and the day it resumed (nil while paused).
    public struct Pause: Codable, Hashable, Sendable {
        public var pausedOn: CivilDate
        public var ground: NotaryPauseGround
        public var note: String?
        /// The resumption, or the end of a matter closed while paused.
        public var resumedOn: CivilDate?

        /// The days not counted: after the pause day through the resumption (as a suspension, RULES.md §1); nil while
        /// open or when resumed the same day.
        public var clockPause: ClockPause? {
            guard let resumedOn, resumedOn > pausedOn else { return nil }
            return ClockPause(from: pausedOn.adding(days: 1), to: resumedOn)
        }
    }

    public struct Certificate: Codable, Hashable, Sendable {
        public var number: String
        public var issuedOn: CivilDate
        /// The fee charged, in yuan.
        public var fee: Decimal
    }

    public internal(set) var state: NotaryState
    public internal(set) var receivedOn: CivilDate
    /// A code of the office's matter types (`notary_matter_types`).
    public internal(set) var matterType: String
    /// 用途 (and, for use abroad, the country).
    public internal(set) var purpose: String
    public internal(set) var matterSummary: String
    public internal(set) var acceptedOn: CivilDate?
    public internal(set) var notaryID: UUID?
    public internal(set) var notaryName: String?
    public internal(set) var pauses: [Pause]
    public internal(set) var certificate: Certificate?
    /// The reason of a refusal, a decision not to notarise, or the applicant's note on withdrawal.
    public internal(set) var reason: String?
    public internal(set) var concludedOn: CivilDate?
    public internal(set) var lastEventOn: CivilDate

    init(receivedOn: CivilDate, matterType: String, purpose: String, summary: String) {
        self.state = .received
        self.receivedOn = receivedOn
        self.matterType = matterType
        self.purpose = purpose
        self.matterSummary = summary
        self.pauses = []
        self.lastEventOn = receivedOn
    }

    /// The pause in force, if the clock is stopped.
    public var currentPause: Pause? { state == .paused ? pauses.last : nil }

    public var outcome: String? {
        switch state {
        case .received, .inProgress, .paused: nil
        case .issued: "issued"
        case .refused: "refused"
        case .declined: "declined"
        case .withdrawn: "withdrawn"
        }
    }

    public var outcomeLabel: String? {
        switch state {
        case .received, .inProgress, .paused: nil
        case .issued: certificate.map { "出具公证书\($0.number)" }
        case .refused, .declined: reason.map { "\(state.label)：\($0)" } ?? state.label
        case .withdrawn: state.label
        }
    }

    public var summary: CaseSummary {
        CaseSummary(state: state.rawValue, stateLabel: state.label, receivedOn: receivedOn, acceptedOn: acceptedOn,
                    concludedOn: concludedOn, outcome: outcome, outcomeLabel: outcomeLabel, isOpen: state.isOpen)
    }
}
