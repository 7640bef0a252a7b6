/// The time limits of the lines that are ledgers or not yet built (RULES.md §4): major decisions, normative
/// documents. The deadline calculator offers them today; each moves to its line's folder when the line is built.
extension DeadlineRule {
    public static let ledgerLines: [DeadlineRule] = [
        DeadlineRule(key: "majorDecision.publicComment", title: "重大行政决策公开征求意见", trigger: "决策草案公布之日",
                     limit: 30, unit: .calendar, kind: .minimum, basis: "《重大行政决策程序暂行条例》第十五条",
                     note: "因情况紧急等原因需要缩短期限的，应当予以说明"),
        DeadlineRule(key: "majorDecision.legalityReview", title: "重大行政决策合法性审查", trigger: "送请合法性审查之日",
                     limit: 7, unit: .working, kind: .minimum, basis: "《重大行政决策程序暂行条例》第二十六条",
                     note: "应当保证合法性审查机构的审查时间，一般不少于七个工作日"),
        DeadlineRule(key: "normativeDocument.legalityReview", title: "行政规范性文件合法性审核（最长）", trigger: "送审之日",
                     limit: 15, unit: .working,
                     basis: "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）",
                     note: "审核时间一般不少于五个工作日，最长不超过十五个工作日", unverified: true),
        DeadlineRule(key: "normativeDocument.legalityReview.minimum", title: "行政规范性文件合法性审核（最短）", trigger: "送审之日",
                     limit: 5, unit: .working, kind: .minimum,
                     basis: "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）",
                     note: "审核时间一般不少于五个工作日", unverified: true),
        DeadlineRule(key: "normativeDocument.filing", title: "行政规范性文件报送备案", trigger: "文件公布之日",
                     limit: 30, unit: .calendar, basis: "地方规定（天津市行政规范性文件管理相关规定，待核实）",
                     unverified: true),
        DeadlineRule(key: "normativeDocument.validity", title: "行政规范性文件有效期", trigger: "文件公布之日",
                     limit: 5, unit: .years, basis: "地方规定（行政规范性文件有效期，待核实）",
                     note: "有效期届满前应当清理", unverified: true),
    ]
}
