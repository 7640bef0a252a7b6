/// The time limit of litigation response. Keys are stable: they are stored with every deadline.
extension LitigationRules {
    public static let deadlineRules: [DeadlineRule] = [
        DeadlineRule(key: "litigation.defence", title: "行政应诉答辩并提交证据", trigger: "收到起诉状副本之日",
                     limit: 15, unit: .calendar, basis: "《中华人民共和国行政诉讼法》第六十七条、第三十四条",
                     note: "被告不提供或者无正当理由逾期提供证据的，视为没有相应证据"),
    ]

    static let catalogue = try! DeadlineCatalogue(rules: deadlineRules)
}
