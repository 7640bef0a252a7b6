/// The time limits of legal aid (RULES.md §4). Keys are stable: they are stored with every deadline.
extension LegalAidRules {
    public static let deadlineRules: [DeadlineRule] = [
        DeadlineRule(key: "legalAid.decision", title: "法律援助申请审查决定", trigger: "收到法律援助申请之日（补充材料的，自收到补充材料之日）",
                     limit: 7, unit: .working, basis: "《中华人民共和国法律援助法》第四十三条",
                     note: "材料不齐全的，一次性告知补充；未按要求补充的视为撤回申请", unverified: true),
        DeadlineRule(key: "legalAid.assignment", title: "指派法律援助人员", trigger: "作出给予法律援助决定之日（通知辩护的，收到通知之日）",
                     limit: 3, unit: .working, basis: "《中华人民共和国法律援助法》第四十三条、第三十六条", unverified: true),
        DeadlineRule(key: "legalAid.objection", title: "不予法律援助异议审查", trigger: "司法行政部门收到异议之日",
                     limit: 5, unit: .working, basis: "《中华人民共和国法律援助法》第四十九条", unverified: true),
    ]

    static let catalogue = try! DeadlineCatalogue(rules: deadlineRules)
}
