import FazhiCore

/// The ledger kinds REPORT.md counts from, of the lines not yet built as work lines of their own (enforcement
/// supervision, publicity). A line built
/// as a module declares its kinds in its own folder (`bookKinds`); its template, pages, import and metrics follow.
extension LedgersModule {
    static let ledgerKinds: [LedgerKind] = [
        LedgerKind("enforcement.training", "行政执法培训", line: .enforcementSupervision, columns: [
            date("培训日期"), title("培训主题", "行政执法人员综合法律知识培训"), quantity("参训人数", "120"),
            C("organizer", "主办单位", example: "行政执法协调监督科"), note,
        ], naturalKey: ["occurredOn", "title"], measures: [("enforcement.trainings", .entries)]),
        LedgerKind("enforcement.supervision", "行政执法专项监督", line: .enforcementSupervision, columns: [
            date("监督日期"), title("监督事项", "餐饮行业行政检查专项监督"), C("target", "被监督单位", example: "河东区市场监督管理局"),
            quantity("企业家监督员参与人次", "2"), note,
        ], naturalKey: ["occurredOn", "title", "target"], measures: [
            ("enforcement.supervisions", .entries), ("enforcement.entrepreneur_supervisor_participations", .quantity),
        ]),
        LedgerKind("enforcement.empowermentRecall", "赋权事项回收建议", line: .enforcementSupervision, columns: [
            date("建议日期"), C("category", "事项类别", required: true, example: "城市管理类"),
            title("赋权事项", "对占道经营的行政处罚"), C("street", "街道", example: "春华街道"), note,
        ], naturalKey: ["category", "title"], measures: [
            ("enforcement.empowerment_recall_categories", .distinct("category")),
            ("enforcement.empowerment_recall_items", .entries),
        ]),
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
    ]
}

private typealias C = SheetColumn

private func date(_ header: String) -> C { C("occurredOn", header, .date, required: true, example: "2024-03-15") }
private func title(_ header: String, _ example: String) -> C { C("title", header, required: true, example: example) }
private func quantity(_ header: String, _ example: String, required: Bool = false) -> C {
    C("quantity", header, .int, required: required, example: example)
}
private let note = C("note", "备注", example: "")
