// The dated facts a reconsideration dossier keeps besides its state: small value types, one per step
// of the procedure, read by the timeline, the instruments and the statistics.

/// 行政复议法第三十一条: one consolidated request for missing material (补正通知).
public struct ReconsiderationSupplementRequest: Codable, Hashable, Sendable {
    public var requestedOn: CivilDate
    /// What must be supplied, as written in the notice.
    public var items: String
    /// The day the material arrived; a new 5-working-day review runs from it.
    public var receivedOn: CivilDate?
}

/// 行政复议法第三十九条: one suspension (中止) and its resumption (恢复审理).
public struct ReconsiderationSuspension: Codable, Hashable, Sendable {
    public var ground: SuspensionGround
    public var suspendedOn: CivilDate
    public var resumedOn: CivilDate?
    /// The resumption, or the conclusion of a case ended while suspended (mediated, terminated).
    public var endedOn: CivilDate?
    public var note: String?

    /// The days the decision clock does not count: the day after the suspension through the day it
    /// ended (the suspension day still counts, the resumption day does not — as for any event under
    /// 民事诉讼法第八十五条). Nil while open, or when ended the same day.
    public var pause: ClockPause? {
        guard let endedOn, endedOn > suspendedOn else { return nil }
        return ClockPause(from: suspendedOn.adding(days: 1), to: endedOn)
    }

    /// Calendar days the clock stood still.
    public var pausedDays: Int { pause?.length ?? 0 }
}

/// 行政复议法第六十二条: the one extension of the decision period, approved by the office head.
public struct ReconsiderationExtension: Codable, Hashable, Sendable {
    public var grantedOn: CivilDate
    public var days: Int
    /// The office head (行政复议机构负责人) who approved it.
    public var approver: String
}

/// 行政复议法第五十一条: a hearing (听证) and its notice.
public struct ReconsiderationHearing: Codable, Hashable, Sendable {
    /// The day the written notice was sent.
    public var noticeOn: CivilDate
    public var hearingOn: CivilDate
    public var heldOn: CivilDate?
}

/// 行政复议法第四十七条: a request to read and copy the dossier (阅卷), and when it was granted.
public struct ReconsiderationFileReading: Codable, Hashable, Sendable {
    public var requestedOn: CivilDate
    public var requester: String
    public var grantedOn: CivilDate?
}

/// 行政复议法第七十六条: an opinion letter (行政复议意见书) and the agency's report of its correction.
public struct OpinionLetter: Codable, Hashable, Sendable {
    /// 1, 2, … within the case, in order of issue.
    public var number: Int
    public var issuedOn: CivilDate
    /// The agency it went to; nil = the respondent.
    public var recipient: String?
    /// The day the agency received it; the 60-day clock runs from it (issue day when unknown).
    public var deliveredOn: CivilDate?
    /// The day the agency reported its correction.
    public var compliedOn: CivilDate?

    /// The start of the 60-day compliance clock.
    public var clockStart: CivilDate { deliveredOn ?? issuedOn }
}

/// 行政复议法实施条例第六十九条: a recommendation letter (行政复议建议书).
public struct RecommendationLetter: Codable, Hashable, Sendable {
    public var issuedOn: CivilDate
    public var recipient: String
}
