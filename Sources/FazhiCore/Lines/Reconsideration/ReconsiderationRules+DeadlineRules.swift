/// The time limits of reconsideration (RULES.md §3). Keys are stable: they are stored with every deadline.
/// 行政复议法第八十八条: in reconsideration only periods of 3, 5, 7 or 10 days are working days, as the units say.
extension ReconsiderationRules {
    static let fy = "《中华人民共和国行政复议法》"

    public static let deadlineRules: [DeadlineRule] = [
        DeadlineRule(key: "reconsideration.application", title: "申请行政复议", trigger: "知道或者应当知道行政行为之日",
                     limit: 60, unit: .calendar, basis: "\(fy)第二十条第一款",
                     note: "法律规定的申请期限超过六十日的，从其规定"),
        DeadlineRule(key: "reconsideration.application.notInformed", title: "申请行政复议（未告知申请权利、期限）",
                     trigger: "知道或者应当知道行政行为内容之日", limit: 1, unit: .years, basis: "\(fy)第二十条第二款",
                     note: "申请期限自知道或者应当知道申请行政复议的权利、期限之日起计算，但最长不得超过一年"),
        DeadlineRule(key: "reconsideration.application.maximum", title: "申请行政复议最长期限", trigger: "行政行为作出之日",
                     limit: 5, unit: .years, basis: "\(fy)第二十一条",
                     note: "因不动产提出的行政复议申请最长为二十年"),
        DeadlineRule(key: "reconsideration.application.maximum.realProperty", title: "申请行政复议最长期限（不动产）",
                     trigger: "行政行为作出之日", limit: 20, unit: .years, basis: "\(fy)第二十一条"),
        DeadlineRule(key: "reconsideration.acceptance", title: "受理审查", trigger: "收到行政复议申请之日",
                     limit: 5, unit: .working, basis: "\(fy)第三十条",
                     note: "期限内未作出不予受理决定的，视为受理"),
        DeadlineRule(key: "reconsideration.supplementNotice", title: "通知补正", trigger: "收到行政复议申请之日",
                     limit: 5, unit: .working, basis: "\(fy)第三十一条",
                     note: "补正通知应一次性载明需要补正的事项"),
        DeadlineRule(key: "reconsideration.supplement", title: "申请人补正", trigger: "收到补正通知之日",
                     limit: 10, unit: .working, basis: "\(fy)第三十一条",
                     note: "无正当理由逾期不补正的，视为放弃申请；收到补正材料后重新计算五个工作日受理审查期限"),
        DeadlineRule(key: "reconsideration.copyToRespondent", title: "发送申请书副本（普通程序）", trigger: "受理行政复议申请之日",
                     limit: 7, unit: .working, basis: "\(fy)第四十八条"),
        DeadlineRule(key: "reconsideration.reply", title: "被申请人答复并提交证据（普通程序）", trigger: "被申请人收到申请书副本之日",
                     limit: 10, unit: .working, basis: "\(fy)第四十八条、第七十条",
                     note: "被申请人逾期不提出书面答复、不提交证据的，视为该行政行为没有证据、依据"),
        DeadlineRule(key: "reconsideration.copyToRespondent.simplified", title: "发送申请书副本（简易程序）", trigger: "受理行政复议申请之日",
                     limit: 3, unit: .working, basis: "\(fy)第五十四条"),
        DeadlineRule(key: "reconsideration.reply.simplified", title: "被申请人答复并提交证据（简易程序）", trigger: "被申请人收到申请书副本之日",
                     limit: 5, unit: .working, basis: "\(fy)第五十四条"),
        DeadlineRule(key: "reconsideration.hearingNotice", title: "听证通知", trigger: "举行听证之日",
                     limit: 5, unit: .working, direction: .before, basis: "\(fy)第五十一条",
                     note: "应当于举行听证的五日前书面通知当事人；计算结果为最迟发出通知之日"),
        DeadlineRule(key: "reconsideration.decision", title: "行政复议决定（普通程序）", trigger: "受理行政复议申请之日",
                     limit: 60, unit: .calendar, extensionLimit: 30,
                     basis: "\(fy)第六十二条；《中华人民共和国行政复议法实施条例》第四十条、第四十五条、第四十六条",
                     note: "情况复杂的，经行政复议机构负责人批准可延长一次，最多不超过三十日，并书面告知当事人；现场勘验、鉴定、移送等时间不计入；中止期间按实务做法不计入（非法律明文）"),
        DeadlineRule(key: "reconsideration.decision.simplified", title: "行政复议决定（简易程序）", trigger: "受理行政复议申请之日",
                     limit: 30, unit: .calendar, basis: "\(fy)第六十二条", note: "简易程序不得延长"),
        DeadlineRule(key: "reconsideration.suspensionTermination", title: "中止满六十日终止", trigger: "因第三十九条第一款第一、二、四项情形中止之日",
                     limit: 60, unit: .calendar, basis: "\(fy)第四十一条第五项",
                     note: "中止满六十日行政复议中止的原因仍未消除的，行政复议终止"),
        DeadlineRule(key: "reconsideration.opinionLetterCompliance", title: "落实行政复议意见书", trigger: "被申请人收到行政复议意见书之日",
                     limit: 60, unit: .calendar, basis: "\(fy)第七十六条",
                     note: "有关机关应当将纠正相关违法或者不当行政行为的情况报送行政复议机关"),
        DeadlineRule(key: "reconsideration.lawsuit", title: "复议后提起行政诉讼", trigger: "收到行政复议决定书之日",
                     limit: 15, unit: .calendar, basis: "\(fy)第三十四条；《中华人民共和国行政诉讼法》第四十五条"),
    ]

    /// The line's own rules, for its transitions and deadlines.
    public static let catalogue = try! DeadlineCatalogue(rules: deadlineRules)
}
