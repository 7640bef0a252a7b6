/// The time limits of people's mediation (RULES.md §4). Keys are stable: they are stored with every deadline.
extension MediationRules {
    public static let deadlineRules: [DeadlineRule] = [
        DeadlineRule(key: "mediation.target", title: "人民调解调结（工作目标）", trigger: "受理纠纷之日",
                     limit: 30, unit: .calendar, kind: .target, basis: "《人民调解工作若干规定》第三十三条",
                     note: "“一般在一个月内调结”，为工作目标，不构成违法"),
        DeadlineRule(key: "mediation.judicialConfirmation", title: "申请司法确认", trigger: "调解协议生效之日",
                     limit: 30, unit: .calendar, basis: "《中华人民共和国人民调解法》第三十三条",
                     note: "双方当事人认为有必要的，可以共同向人民法院申请；期间届满后不能再申请司法确认"),
    ]

    static let catalogue = try! DeadlineCatalogue(rules: deadlineRules)
}
