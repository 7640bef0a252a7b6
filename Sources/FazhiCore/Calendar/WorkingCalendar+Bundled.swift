import Foundation

extension WorkingCalendar {
    /// The calendar shipped with the project: every `Calendar/Data/YYYY.json` (RULES.md §2).
    /// Throws `CalendarDataError` naming the file and field when a shipped file is wrong.
    public static func bundled() throws -> WorkingCalendar {
        WorkingCalendar(try bundledYears())
    }

    /// The shipped notices, ascending by year.
    public static func bundledYears() throws -> [HolidayYear] {
        guard let folder = Bundle.module.url(forResource: "Data", withExtension: nil) else {
            throw CalendarDataError.unreadable(file: "Calendar/Data", reason: "资源目录缺失")
        }
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.map { try decode(Data(contentsOf: $0), file: $0.lastPathComponent) }
    }

    /// Decodes one year's JSON (a shipped file or an admin's upload).
    public static func decode(_ data: Data, file: String = "上传文件") throws -> HolidayYear {
        do {
            return try JSONDecoder().decode(HolidayYear.self, from: data)
        } catch let error as CalendarDataError {
            throw error
        } catch let DecodingError.dataCorrupted(context) {
            throw CalendarDataError.unreadable(file: file, reason: "\(path(context.codingPath))：\(context.debugDescription)")
        } catch let DecodingError.keyNotFound(key, context) {
            throw CalendarDataError.unreadable(file: file, reason: "缺少字段 \(path(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw CalendarDataError.unreadable(file: file, reason: "\(path(context.codingPath))：类型错误")
        } catch {
            throw CalendarDataError.unreadable(file: file, reason: "\(error)")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            .trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}
