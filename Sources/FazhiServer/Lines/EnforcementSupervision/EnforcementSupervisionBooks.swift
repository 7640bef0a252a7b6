import FazhiCore

/// The enforcement-supervision books kept as ledgers: the street empowered matters proposed for recall by the year's
/// evaluation (REPORT.md `enforcement.empowerment_recall_*`), and, until they are records of their own, the trainings
/// and inspections held.
enum EnforcementSupervisionBooks {
    static let kinds: [any BookKind] = [
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
    ]
}

private typealias C = SheetColumn

private func date(_ header: String) -> C { C("occurredOn", header, .date, required: true, example: "2024-03-15") }
private func title(_ header: String, _ example: String) -> C { C("title", header, required: true, example: example) }
private func quantity(_ header: String, _ example: String) -> C { C("quantity", header, .int, example: example) }
private let note = C("note", "备注", example: "")
