/// One announced rest period, e.g. 春节 2024-02-10 through 2024-02-17 (both days included).
public struct Holiday: Codable, Hashable, Sendable {
    /// 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节 (or a joint name such as 国庆节、中秋节).
    public var name: String
    public var from: CivilDate
    public var to: CivilDate

    public init(name: String, from: CivilDate, to: CivilDate) {
        self.name = name
        self.from = from
        self.to = to
    }

    public func contains(_ date: CivilDate) -> Bool {
        from <= date && date <= to
    }
}
