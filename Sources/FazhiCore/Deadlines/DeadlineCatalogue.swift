/// Every statutory time limit of RULES.md §3–4 under a stable key.
///
/// Rules marked `unverified` are configurable data: a bureau may override their limits
/// (`DeadlineCatalogue(overrides:)`); verified rules are statute and cannot be overridden.
public struct DeadlineCatalogue: Sendable {
    /// All rules, in the order of RULES.md.
    public let all: [DeadlineRule]
    private let index: [String: Int]

    /// The catalogue with the defaults of RULES.md, and `overrides` (key → limit) applied to
    /// unverified rules. Throws for an unknown key, a verified rule or a non-positive limit.
    public init(overrides: [String: Int] = [:]) throws(DeadlineError) {
        var rules = Self.defaults
        var index: [String: Int] = [:]
        for (position, rule) in rules.enumerated() { index[rule.key] = position }
        for (key, limit) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let position = index[key] else { throw .unknownRule(key: key) }
            guard rules[position].unverified else { throw .overrideNotAllowed(rule: key) }
            guard limit > 0 else { throw .nonPositiveLimit(field: "overrides[\(key)]", value: limit) }
            rules[position].limit = limit
        }
        self.all = rules
        self.index = index
    }

    /// The shipped defaults, with no overrides.
    public static let standard: DeadlineCatalogue = try! DeadlineCatalogue()

    public func rule(_ key: String) throws(DeadlineError) -> DeadlineRule {
        guard let position = index[key] else { throw .unknownRule(key: key) }
        return all[position]
    }

    /// Rules whose key starts with `prefix` (e.g. `reconsideration.`), for a work line's page.
    public func rules(inLine prefix: String) -> [DeadlineRule] {
        all.filter { $0.key.hasPrefix(prefix) }
    }

    static let fy = "《中华人民共和国行政复议法》"

    /// RULES.md §3–4. Keys are stable: they are stored with every deadline.
    static let defaults: [DeadlineRule] = reconsideration + otherLines

    static let reconsideration: [DeadlineRule] = [
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

    static let otherLines: [DeadlineRule] = [
        DeadlineRule(key: "legalAid.decision", title: "法律援助申请审查决定", trigger: "收到法律援助申请之日",
                     limit: 7, unit: .working, basis: "《中华人民共和国法律援助法》第四十三条",
                     note: "材料不齐全的，一次性告知补充；未按要求补充的视为撤回申请", unverified: true),
        DeadlineRule(key: "legalAid.assignment", title: "指派法律援助人员", trigger: "作出给予法律援助决定之日",
                     limit: 3, unit: .working, basis: "《中华人民共和国法律援助法》第四十三条", unverified: true),
        DeadlineRule(key: "legalAid.objection", title: "不予法律援助异议审查", trigger: "司法行政部门收到异议之日",
                     limit: 5, unit: .working, basis: "《中华人民共和国法律援助法》第四十九条", unverified: true),
        DeadlineRule(key: "mediation.target", title: "人民调解调结（工作目标）", trigger: "受理纠纷之日",
                     limit: 30, unit: .calendar, kind: .target, basis: "《人民调解工作若干规定》第三十三条",
                     note: "“一般在一个月内调结”，为工作目标，不构成违法"),
        DeadlineRule(key: "mediation.judicialConfirmation", title: "申请司法确认", trigger: "调解协议生效之日",
                     limit: 30, unit: .calendar, basis: "《中华人民共和国人民调解法》第三十三条",
                     note: "双方当事人共同向人民法院申请"),
        DeadlineRule(key: "notary.certificate", title: "出具公证书", trigger: "受理公证申请之日",
                     limit: 15, unit: .working, basis: "《中华人民共和国公证法》第三十条",
                     note: "补充证明材料、核实有关情况、不可抗力所需时间不计入"),
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
        DeadlineRule(key: "litigation.defence", title: "行政应诉答辩并提交证据", trigger: "收到起诉状副本之日",
                     limit: 15, unit: .calendar, basis: "《中华人民共和国行政诉讼法》第六十七条、第三十四条",
                     note: "被告不提供或者无正当理由逾期提供证据的，视为没有相应证据"),
    ]
}
