/// A calendar file (or an admin's import) that contradicts itself. Each case names the field,
/// so the settings page and `fazhi calendar import` can point at the line to fix.
public enum CalendarDataError: Error, Equatable, Sendable {
    /// A date in `field` (e.g. `holidays[1].to`) is not in the file's `year`.
    case dateOutsideYear(field: String, date: CivilDate, year: Int)
    /// `holidays[i]` ends before it starts.
    case holidayEndsBeforeStart(field: String, from: CivilDate, to: CivilDate)
    /// A day announced both as a rest day and as a make-up working day.
    case restAndWorkday(field: String, date: CivilDate)
    /// Two holiday ranges share a day.
    case overlappingHolidays(field: String, date: CivilDate)
    /// A required text (notice, holiday name) is empty.
    case emptyField(field: String)
    /// The year itself is outside 1900...2999.
    case yearOutOfRange(field: String, year: Int)
    /// A bundled or imported file could not be read or decoded.
    case unreadable(file: String, reason: String)

    /// The field at fault, e.g. `holidays[1].to`.
    public var field: String {
        switch self {
        case .dateOutsideYear(let field, _, _), .holidayEndsBeforeStart(let field, _, _),
             .restAndWorkday(let field, _), .overlappingHolidays(let field, _),
             .emptyField(let field), .yearOutOfRange(let field, _):
            return field
        case .unreadable(let file, _):
            return file
        }
    }

    /// A Chinese message naming the field, shown to the admin as is.
    public var message: String {
        switch self {
        case .dateOutsideYear(let field, let date, let year):
            return "\(field)：日期 \(date) 不在 \(year) 年内"
        case .holidayEndsBeforeStart(let field, let from, let to):
            return "\(field)：放假结束日 \(to) 早于开始日 \(from)"
        case .restAndWorkday(let field, let date):
            return "\(field)：\(date) 同时被列为放假日和调休上班日"
        case .overlappingHolidays(let field, let date):
            return "\(field)：\(date) 同时属于两个放假安排"
        case .emptyField(let field):
            return "\(field)：不能为空"
        case .yearOutOfRange(let field, let year):
            return "\(field)：年份 \(year) 超出范围（1900–2999）"
        case .unreadable(let file, let reason):
            return "无法读取日历文件 \(file)：\(reason)"
        }
    }
}

extension CalendarDataError: CustomStringConvertible {
    public var description: String { message }
}
