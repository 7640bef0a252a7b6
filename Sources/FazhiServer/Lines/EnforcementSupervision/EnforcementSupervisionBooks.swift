import FazhiCore

/// The enforcement-supervision books: the register of entrepreneur supervisors the joint inspections invite, each
/// station's coordination-supervision work in its street, the register of the streets' empowered matters and the
/// evaluation campaign's verdict on each (REPORT.md `enforcement.empowerment_recall_*`).
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

    /// 街道赋权事项: the powers delegated to each street — category, item, legal basis, the day delegated (and recalled).
    static let empoweredMatters = RegisterKind("enforcement.empoweredMatter", "街道赋权事项", line: .enforcementSupervision, columns: [
        C("name", "赋权事项", required: true, example: "对占道经营的行政处罚"), C("category", "事项类别", required: true, example: "城市管理类"),
        C("street", "街道", required: true, example: "春华街道"), C("basis", "法律依据", example: "《天津市市容和环境卫生管理条例》第二十四条"),
        C("activeFrom", "赋权日期", .date, required: true, example: "2021-06-01"), C("activeTo", "收回日期", .date, example: ""),
    ], naturalKey: ["street", "name"], measures: [])

    /// The evaluation campaign's verdict on each item (赋权事项评估): how often the street used it in the period, keep or
    /// propose recall, and why. `enforcement.empowerment_recall_*` count the items proposed for recall (`EnforcementMetrics`).
    static let evaluations = LedgerKind("enforcement.empowermentEvaluation", "赋权事项评估", line: .enforcementSupervision, columns: [
        date("评估日期"), C("category", "事项类别", required: true, example: "城市管理类"), title("赋权事项", "对占道经营的行政处罚"),
        C("street", "街道", required: true, example: "春华街道"), C("quantity", "评估期内行使次数", .int, example: "0"),
        C("result", "评估结论", .choice([EnforcementMetrics.keep, EnforcementMetrics.recall]), required: true, example: EnforcementMetrics.recall),
        C("reasons", "理由", example: "评估期内未行使，街道缺乏专业执法力量"),
    ], naturalKey: ["occurredOn", "street", "title"], measures: [])

    static let kinds: [any BookKind] = [supervisors, stationSupervision, empoweredMatters, evaluations]
}

private typealias C = SheetColumn

private func date(_ header: String) -> C { C("occurredOn", header, .date, required: true, example: "2024-03-15") }
private func title(_ header: String, _ example: String) -> C { C("title", header, required: true, example: example) }
private let note = C("note", "备注", example: "")
