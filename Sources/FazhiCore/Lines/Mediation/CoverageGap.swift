/// The report's first shortcoming as a rule over counts: a sector of disputes (a type marked 行业性专业性) that no
/// specialised committee covers is a gap when its disputes are many — at least `highShare` of the year's — or grow
/// fast — by at least `fastGrowth` on at least `growthFloor` disputes (a sector new this year counts as growing).
public enum CoverageGap {
    public static let highShare = 0.03
    public static let fastGrowth = 0.3
    public static let growthFloor = 10

    /// Year on year, as a fraction; nil when there were none last year.
    public static func growth(now: Int, before: Int) -> Double? {
        before == 0 ? nil : Double(now - before) / Double(before)
    }

    public static func isGap(sectoral: Bool, covered: Bool, disputes: Int, lastYear: Int, total: Int) -> Bool {
        guard sectoral, !covered, disputes > 0 else { return false }
        let high = total > 0 && Double(disputes) / Double(total) >= highShare
        let growing = disputes >= growthFloor && (growth(now: disputes, before: lastYear).map { $0 >= fastGrowth } ?? (lastYear == 0))
        return high || growing
    }
}
