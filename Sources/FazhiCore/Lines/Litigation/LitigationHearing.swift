/// One court hearing and who appeared for the defendant agency (行政诉讼法第三条第三款; 法释〔2020〕3号).
public struct LitigationHearing: Codable, Hashable, Sendable {
    public var date: CivilDate
    /// A head of the agency (正职、副职或者其他参与分管的负责人, 法释〔2020〕3号第二条) appeared.
    public var headAppeared: Bool
    /// Who appeared for the agency: the head, or the staff member sent in the head's place.
    public var appearerName: String
    public var appearerTitle: String
    /// Why the head did not appear; nil when the head appeared.
    public var excuse: HeadAbsenceExcuse?
    /// The written explanation and its proof (sealed by the agency).
    public var proofDescription: String?
}
