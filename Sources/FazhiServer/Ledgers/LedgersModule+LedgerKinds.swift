import FazhiCore

/// The ledger kinds REPORT.md counts from, of the lines not yet built as work lines of their own (legal advisers,
/// major decisions, normative documents). A line built
/// as a module declares its kinds in its own folder (`bookKinds`); its template, pages, import and metrics follow.
extension LedgersModule {
    static let ledgerKinds: [LedgerKind] = [
        LedgerKind("adviser.participation", "法律顾问参与法制工作", line: .legalAdviser, columns: [
            date("日期"), C("adviser", "法律顾问", required: true, example: "张律师"), title("事项", "区政府合同合法性审查"),
            C("form", "参与方式", .choice(["审查合同", "参与论证", "出具法律意见", "参与信访接待", "其他"]), example: "审查合同"), note,
        ], naturalKey: ["occurredOn", "adviser", "title"], measures: [("advisers.participations", .entries)]),
        LedgerKind("majorDecision.legalityReview", "重大行政决策合法性审查", line: .majorDecision, columns: [
            date("审查完成日期"), title("决策事项", "河东区老旧小区改造实施方案"),
            C("agency", "决策机关", required: true, example: "河东区人民政府"),
            C("opinion", "审查意见", .choice(["合法", "修改后合法", "不合法"]), example: "修改后合法"), note,
        ], naturalKey: ["occurredOn", "title"], measures: [("decision.legality_reviews", .entries)]),
        LedgerKind("normativeDocument.legalityReview", "行政规范性文件合法性审核", line: .normativeDocument, columns: [
            date("审核完成日期"), title("文件名称", "河东区养老服务补贴管理办法"),
            C("agency", "制定机关", required: true, example: "河东区民政局"), note,
        ], naturalKey: ["occurredOn", "title"], measures: [("normative_docs.legality_reviews", .entries)]),
        LedgerKind("normativeDocument.filing", "行政规范性文件备案", line: .normativeDocument, columns: [
            date("备案日期"), title("文件名称", "河东区养老服务补贴管理办法"), C("documentNumber", "文号", example: "东民规〔2024〕1号"), note,
        ], naturalKey: ["occurredOn", "title"], measures: [("normative_docs.filings", .entries)]),
        LedgerKind("normativeDocument.postEvaluation", "行政规范性文件后评估", line: .normativeDocument, columns: [
            date("完成日期"), title("文件名称", "河东区养老服务补贴管理办法"), note,
        ], naturalKey: ["occurredOn", "title"], measures: [("normative_docs.post_evaluations", .entries)]),
        LedgerKind("normativeDocument.cleanup", "行政规范性文件专项清理", line: .normativeDocument, columns: [
            date("完成日期"), title("清理名称", "涉及不平等对待企业的规范性文件专项清理"), quantity("清理文件数", "12"), note,
        ], naturalKey: ["occurredOn", "title"], measures: [("normative_docs.cleanups", .entries)]),
    ]
}

private typealias C = SheetColumn

private func date(_ header: String) -> C { C("occurredOn", header, .date, required: true, example: "2024-03-15") }
private func title(_ header: String, _ example: String) -> C { C("title", header, required: true, example: example) }
private func quantity(_ header: String, _ example: String, required: Bool = false) -> C {
    C("quantity", header, .int, required: required, example: example)
}
private let note = C("note", "备注", example: "")
