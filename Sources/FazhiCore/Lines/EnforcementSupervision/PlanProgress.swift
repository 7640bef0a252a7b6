/// The double plan against what was held: for each plan line (kind, agency, topic, month, sessions planned) the
/// sessions recorded against it, and whether it is behind — its month is over and fewer were held than planned.
public struct PlanProgress: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let kind: PlanKind
        public let agency: String
        public let topic: String
        public let month: Int
        public let planned: Int
        public let held: Int

        public init(kind: PlanKind, agency: String, topic: String, month: Int, planned: Int, held: Int) {
            self.kind = kind
            self.agency = agency
            self.topic = topic
            self.month = month
            self.planned = planned
            self.held = held
        }

        /// Behind in `year` seen on `today`: the plan month has ended (or the year has) and fewer were held than planned.
        public func isBehind(year: Int, today: CivilDate) -> Bool {
            let ended = today.year > year || (today.year == year && today.month > month)
            return ended && held < planned
        }
    }

    public struct Month: Sendable, Equatable {
        public let month: Int
        public let planned: Int
        public let held: Int
    }

    public let lines: [Line]

    public init(lines: [Line]) { self.lines = lines }

    /// Planned and held per month of `kind`, January to December.
    public func months(_ kind: PlanKind) -> [Month] {
        (1...12).map { month in
            let own = lines.filter { $0.kind == kind && $0.month == month }
            return Month(month: month, planned: own.map(\.planned).reduce(0, +), held: own.map { min($0.held, $0.planned) }.reduce(0, +))
        }
    }

    /// Planned, held (up to the plan) and behind lines per agency, in order of the most behind.
    public func agencies(year: Int, today: CivilDate) -> [(agency: String, planned: Int, held: Int, behind: Int)] {
        Dictionary(grouping: lines, by: \.agency).map { agency, own in
            (agency, own.map(\.planned).reduce(0, +), own.map { min($0.held, $0.planned) }.reduce(0, +),
             own.filter { $0.isBehind(year: year, today: today) }.count)
        }.sorted { $0.behind != $1.behind ? $0.behind > $1.behind : $0.agency < $1.agency }
    }

    public func behind(year: Int, today: CivilDate) -> [Line] { lines.filter { $0.isBehind(year: year, today: today) } }

    /// Validates one plan line's month and count.
    public static func check(month: Int?, planned: Int?) -> [FieldError] {
        var errors: [FieldError] = []
        if month.map({ !(1...12).contains($0) }) ?? true { errors.append(FieldError(field: "month", message: "计划月份须为1至12的整数")) }
        if planned.map({ !(1...100).contains($0) }) ?? true { errors.append(FieldError(field: "planned", message: "计划场次须为1至100的整数")) }
        return errors
    }
}
