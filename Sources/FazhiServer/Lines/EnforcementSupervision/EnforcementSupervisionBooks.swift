import FazhiCore

/// The enforcement-supervision books: the register of entrepreneur supervisors the joint inspections invite, each
/// station's coordination-supervision work in its street, and the street empowered matters proposed for recall by
/// the year's evaluation (REPORT.md `enforcement.empowerment_recall_*`).
enum EnforcementSupervisionBooks {
    static let supervisors = RegisterKind(EnforcementWork.supervisorKind, "企业家监督员", line: .enforcementSupervision, columns: [
        C("name", "姓名", required: true, example: "周企业"), C("company", "所在企业", required: true, example: "天津河东某某商贸有限公司"),
        C("activeFrom", "聘任日期", .date, required: true, example: "2023-01-01"), C("activeTo", "解聘日期", .date, example: ""),
    ], naturalKey: ["name", "company"], measures: [])

    /// 司法所协助开展行政执法协调监督: what a station did in its street (cases reviewed, issues referred to the district).
    static let stationSupervision = LedgerKind("enforcement.stationSupervision", "司法所行政执法协调监督", line: .enforcementSupervision, columns: [
        date("日期"), title("监督事项", "街道综合执法队行政处罚案卷评查"), C("quantity", "评查案卷数", .int, example: "8"),
        C("referred", "移交区行政执法协调监督科的问题数", .int, example: "1"), note,
    ], naturalKey: ["occurredOn", "title"], measures: [])

    static let empowermentRecall = LedgerKind("enforcement.empowermentRecall", "赋权事项回收建议", line: .enforcementSupervision, columns: [
        date("建议日期"), C("category", "事项类别", required: true, example: "城市管理类"),
        title("赋权事项", "对占道经营的行政处罚"), C("street", "街道", example: "春华街道"), note,
    ], naturalKey: ["category", "title"], measures: [
        ("enforcement.empowerment_recall_categories", .distinct("category")),
        ("enforcement.empowerment_recall_items", .entries),
    ])

    static let kinds: [any BookKind] = [supervisors, stationSupervision, empowermentRecall]
}

private typealias C = SheetColumn

private func date(_ header: String) -> C { C("occurredOn", header, .date, required: true, example: "2024-03-15") }
private func title(_ header: String, _ example: String) -> C { C("title", header, required: true, example: example) }
private let note = C("note", "备注", example: "")
