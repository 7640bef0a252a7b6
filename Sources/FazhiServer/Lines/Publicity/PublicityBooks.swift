import FazhiCore

/// The publicity books: events held, the online law exam's completions by unit, the 法律明白人 register and their
/// activities (REPORT.md `publicity.*`, `liaisons.*`).
enum PublicityBooks {
    static let kinds: [any BookKind] = [
        LedgerKind("publicity.event", "普法活动", line: .publicity, columns: [
            date("活动日期"), title("活动名称", "宪法宣传周进社区"), C("place", "活动地点", example: "春华街道社区服务中心"),
            quantity("参与人数", "80"), note,
        ], naturalKey: ["occurredOn", "title", "place"], measures: [("publicity.events", .entries)]),
        LedgerKind("publicity.examCompletion", "学法考试完成", line: .publicity, columns: [
            date("完成日期"), title("单位名称", "河东区市场监督管理局"), quantity("完成人数", "56", required: true), note,
        ], naturalKey: ["occurredOn", "title"], measures: [
            ("publicity.exam_units", .distinct("title")), ("publicity.exam_people", .quantity),
        ]),
        LedgerKind("liaison.activity", "法律明白人活动", line: .publicity, columns: [
            date("活动日期"), C("liaison", "法律明白人", required: true, example: "王明白"), title("活动内容", "民法典进家庭宣讲"),
            C("community", "社区", example: "春华街道嘉华里社区"), quantity("受众人数", "30"), note,
        ], naturalKey: ["occurredOn", "liaison", "title"], measures: [("liaisons.activities", .entries)]),
        RegisterKind("liaison", "法律明白人", line: .publicity, columns: [
            C("name", "姓名", required: true, example: "王明白"), C("community", "所在社区", required: true, example: "春华街道嘉华里社区"),
            C("activeFrom", "培养日期", .date, required: true, example: "2023-01-01"), C("activeTo", "退出日期", .date, example: ""),
        ], naturalKey: ["community", "name"], measures: [("liaisons.people", .activeAtYearEnd)]),
    ]
}

private typealias C = SheetColumn

private func date(_ header: String) -> C { C("occurredOn", header, .date, required: true, example: "2024-03-15") }
private func title(_ header: String, _ example: String) -> C { C("title", header, required: true, example: example) }
private func quantity(_ header: String, _ example: String, required: Bool = false) -> C {
    C("quantity", header, .int, required: required, example: example)
}
private let note = C("note", "备注", example: "")
