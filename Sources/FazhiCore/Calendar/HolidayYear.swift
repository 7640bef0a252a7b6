/// One year's State Council notice on public holidays (国务院办公厅关于某年部分节假日安排的通知):
/// its rest days and its make-up working days (调休上班). One file per year in `Calendar/Data`,
/// or imported by an admin; decoding validates, so a contradictory file never reaches a deadline.
public struct HolidayYear: Codable, Hashable, Sendable {
    public let year: Int
    /// The notice's document number, e.g. 国办发明电〔2023〕7号, cited in every explanation.
    public let notice: String
    public let holidays: [Holiday]
    /// Weekend days announced as working days.
    public let workdays: [CivilDate]

    /// Validates like decoding does; throws `CalendarDataError` naming the field at fault.
    public init(year: Int, notice: String, holidays: [Holiday], workdays: [CivilDate]) throws {
        self.year = year
        self.notice = notice
        self.holidays = holidays
        self.workdays = workdays
        try validate()
    }

    private enum CodingKeys: String, CodingKey {
        case year, notice, holidays, workdays
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            year: container.decode(Int.self, forKey: .year),
            notice: container.decode(String.self, forKey: .notice),
            holidays: container.decode([Holiday].self, forKey: .holidays),
            workdays: container.decode([CivilDate].self, forKey: .workdays))
    }

    /// Every day announced as a rest day, in order.
    public var restDays: [CivilDate] {
        holidays.flatMap { holiday in
            (holiday.from.dayNumber...max(holiday.from.dayNumber, holiday.to.dayNumber)).map(CivilDate.init(dayNumber:))
        }
    }

    private func validate() throws(CalendarDataError) {
        guard (1900...2999).contains(year) else { throw .yearOutOfRange(field: "year", year: year) }
        guard !notice.trimmingSpaces.isEmpty else { throw .emptyField(field: "notice") }
        var rest: [CivilDate: String] = [:]
        for (index, holiday) in holidays.enumerated() {
            let field = "holidays[\(index)]"
            guard !holiday.name.trimmingSpaces.isEmpty else { throw .emptyField(field: "\(field).name") }
            guard holiday.from.year == year else {
                throw .dateOutsideYear(field: "\(field).from", date: holiday.from, year: year)
            }
            guard holiday.to.year == year else {
                throw .dateOutsideYear(field: "\(field).to", date: holiday.to, year: year)
            }
            guard holiday.from <= holiday.to else {
                throw .holidayEndsBeforeStart(field: field, from: holiday.from, to: holiday.to)
            }
            for day in holiday.from.dayNumber...holiday.to.dayNumber {
                let date = CivilDate(dayNumber: day)
                guard rest[date] == nil else { throw .overlappingHolidays(field: field, date: date) }
                rest[date] = field
            }
        }
        for (index, workday) in workdays.enumerated() {
            let field = "workdays[\(index)]"
            guard workday.year == year else { throw .dateOutsideYear(field: field, date: workday, year: year) }
            guard rest[workday] == nil else { throw .restAndWorkday(field: field, date: workday) }
        }
    }
}

extension String {
    /// Whitespace-trimmed without Foundation, so Core's validation stays dependency-free.
    fileprivate var trimmingSpaces: Substring {
        var text = self[...]
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
