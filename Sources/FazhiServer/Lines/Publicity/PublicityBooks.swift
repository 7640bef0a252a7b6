import FazhiCore

/// The publicity books: events held (by campaign type), the online law exam's per-person results and each unit's staff
/// count, the agencies' 谁执法谁普法 duty reports with the review's score, the court-attendance batches, and the 法律明白人
/// register with their activities (REPORT.md `publicity.*`, `liaisons.*`).
enum PublicityBooks {
    /// The campaign types an event is filed under: data the admin edits (`/lists/publicity.eventType`), seeded with the
    /// reference report's campaigns.
    static let eventTypes = ChoiceListDeclaration(
        code: "publicity.eventType", name: "普法活动类型", line: .publicity,
        seed: ["民法典宣传月", "宪法宣传周", "青少年普法", "模拟法庭", "司法所开放日", "参观研学", "情景剧", "法治讲座"])

    /// Each event's photos are kept with it (JPEG or PNG, on the entry's page).
    static let events = LedgerKind("publicity.event", "普法活动", line: .publicity, columns: [
        date("活动日期"), title("活动名称", "宪法宣传周进社区"), C("type", "活动类型", .list(eventTypes.code), example: "宪法宣传周"),
        C("organizer", "主办单位", example: "法治宣传科"), C("place", "活动地点", example: "春华街道社区服务中心"),
        C("audience", "受众", example: "社区居民"), C("quantity", "参与人数", .int, example: "80"), note,
    ], naturalKey: ["occurredOn", "title", "place"], measures: [("publicity.events", .entries)]).accepting([.jpeg, .png])

    /// One row per person of the exam system's export: unit, name, score, completed or not (`publicity.exam_*` count the
    /// completed, `PublicityMetrics`).
    static let examResults = LedgerKind("publicity.examResult", "学法用法考试成绩", line: .publicity, columns: [
        date("考试日期"), title("单位", "河东区市场监督管理局"), C("person", "姓名", required: true, example: "李明"),
        C("score", "成绩", .int, example: "92"), C("completed", "是否完成", .bool, required: true, example: "是"),
    ], naturalKey: ["occurredOn", "title", "person"], measures: [])

    /// Each unit's state employees in the year, against which the exam's completion is measured.
    static let examUnits = LedgerKind("publicity.examUnit", "学法用法考试应考人数", line: .publicity, columns: [
        date("统计日期"), title("单位", "河东区市场监督管理局"), C("quantity", "应考人数", .int, required: true, example: "60"),
    ], naturalKey: ["occurredOn", "title"], measures: [])

    /// 谁执法谁普法: the office's row per review of an agency's duty report — the day reviewed, the agency, the report's own
    /// year, the score and comments. The key holds the year, so one agency's reports of two years reviewed the same day
    /// are two rows; the ranking reads the reports themselves (`DutyReports`), not these rows.
    static let dutyReports = LedgerKind("publicity.dutyReport", "“谁执法谁普法”履职报告评议", line: .publicity, columns: [
        date("评议日期"), title("单位", "河东区市场监督管理局"), C("score", "评议得分", .int, required: true, example: "92"),
        C("comments", "评议意见", example: "普法责任清单落实到位"), C("year", "报告年度", .int, example: "2024"),
    ], naturalKey: ["occurredOn", "title", "year"], measures: [])

    /// 领导干部和国家工作人员旁听庭审: who attended which batch.
    static let courtAttendance = LedgerKind("publicity.courtAttendance", "旁听庭审", line: .publicity, columns: [
        date("旁听日期"), title("批次", "2025年第一批"), C("unit", "单位", required: true, example: "河东区市场监督管理局"),
        C("quantity", "旁听人数", .int, required: true, example: "12"), C("hearing", "庭审案件", example: "某行政处罚案"),
    ], naturalKey: ["occurredOn", "title", "unit"], measures: [])

    /// 旁听庭审 by name: one row per employee per batch, for the coverage of every state employee (`CourtCoverage`).
    static let courtAttendees = LedgerKind("publicity.courtAttendee", "旁听庭审人员", line: .publicity, columns: [
        date("旁听日期"), title("批次", "2025年第一批"), C("unit", "单位", required: true, example: "河东区市场监督管理局"),
        C("person", "姓名", required: true, example: "李明"), C("hearing", "庭审案件", example: "某行政处罚案"),
    ], naturalKey: ["title", "unit", "person"], measures: [])

    static let liaisonActivities = LedgerKind("liaison.activity", "法律明白人活动", line: .publicity, columns: [
        date("活动日期"), C("liaison", "法律明白人", required: true, example: "王明白"), title("活动内容", "民法典进家庭宣讲"),
        C("community", "社区", example: "春华街道嘉华里社区"), C("quantity", "受众人数", .int, example: "30"), note,
    ], naturalKey: ["occurredOn", "liaison", "title"], measures: [("liaisons.activities", .entries)])

    static let liaisons = RegisterKind("liaison", "法律明白人", line: .publicity, columns: [
        C("name", "姓名", required: true, example: "王明白"), C("community", "所在社区", required: true, example: "春华街道嘉华里社区"),
        C("activeFrom", "培养日期", .date, required: true, example: "2023-01-01"), C("activeTo", "退出日期", .date, example: ""),
    ], naturalKey: ["community", "name"], measures: [("liaisons.people", .activeAtYearEnd)])

    static let kinds: [any BookKind] = [events, examResults, examUnits, dutyReports, courtAttendance, courtAttendees, liaisonActivities,
                                        liaisons]
}

private typealias C = SheetColumn

private func date(_ header: String) -> C { C("occurredOn", header, .date, required: true, example: "2024-03-15") }
private func title(_ header: String, _ example: String) -> C { C("title", header, required: true, example: example) }
private let note = C("note", "备注", example: "")
