/// The stable ids of the draft's narrative slots: the server stores the staff's text under them, and
/// `AnnualReportDraft.markdown(narratives:)` merges it back.
public enum AnnualReportSlot {
    public static let preamble = "preamble"
    public static let partyLeadership = "achievements.party_leadership"
    public static let lawfulDecisions = "achievements.lawful_decisions"
    public static let enforcement = "achievements.enforcement"
    public static let reconsideration = "achievements.reconsideration"
    public static let publicity = "achievements.publicity"
    public static let legalServices = "achievements.legal_services"
    public static let mediation = "achievements.mediation"
    public static let headDuties = "head_duties"
    public static let shortcomings = "shortcomings"
    public static let nextYear = "next_year"
}

/// The structure and wording of the report, after the reference (河东区司法局2024年度法治政府建设情况报告):
/// section titles, the seven achievement subsections in its order with its titles, and the sentences that carry
/// each line's figures. A new metric gets a clause here, in the subsection of its line.
enum AnnualReportOutline {
    struct Achievement: Sendable {
        let slot: String
        let title: String
        let lines: [WorkLine]
        let hint: String
        let sentences: [FigureSentenceTemplate]
    }

    static func title(bureau: String, year: Int) -> String { "\(bureau)\(year)年度法治政府建设情况报告" }

    static func preamble(bureau: String, year: Int) -> String {
        "\(year)年，\(bureau)在区委、区政府的坚强领导下，以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
            + "立足司法行政工作实际，统筹推进法治政府建设，为全区经济社会高质量发展提供有力法治保障。"
    }

    static let preambleHint = "概述全年法治政府建设的总体情况。"

    static func achievementsTitle(year: Int) -> String { "\(year)年度推进法治政府建设的主要举措和成效" }
    static let headDutiesTitle = "党政主要负责人履行第一责任人职责情况"
    static let headDutiesHint = "写明主要负责同志履行推进法治建设第一责任人职责、落实“四个亲自”要求的情况。"
    static let shortcomingsTitle = "当前工作存在的不足及原因"
    static let shortcomingsHint = "写明与先进地区相比存在的差距和不足，分条列出并分析原因。"
    static func nextYearTitle(year: Int) -> String { "\(year + 1)年推进法治政府建设工作安排" }
    static let nextYearHint = "对照法治政府建设实施纲要，分条写明下一年度的工作安排。"

    static let achievements: [Achievement] = [
        Achievement(
            slot: AnnualReportSlot.partyLeadership, title: "坚持党的领导，压实法治政府建设责任", lines: [],
            hint: "写明坚持党的领导、压实法治建设第一责任人职责、年度工作要点、法治督察等举措。",
            sentences: []),
        Achievement(
            slot: AnnualReportSlot.lawfulDecisions, title: "坚持依法行政，持续提升依法决策水平",
            lines: [.majorDecision, .legalAdviser, .normativeDocument],
            hint: "写明规范重大行政决策程序、深化法律顾问和公职律师工作、加强行政规范性文件管理的举措。",
            sentences: [
                FigureSentenceTemplate([FigureClause("开展重大行政决策合法性审查", "decision.legality_reviews")]),
                FigureSentenceTemplate("区委、区政府法律顾问团", [
                    FigureClause("现有", "advisers.members"),
                    FigureClause("全年参与法制工作", "advisers.participations"),
                ]),
                FigureSentenceTemplate("全区", [
                    FigureClause("公职律师单位", "public_lawyers.units"),
                    FigureClause("公职律师", "public_lawyers.people"),
                ]),
                FigureSentenceTemplate("全年开展行政规范性文件", [
                    FigureClause("合法性审核", "normative_docs.legality_reviews"),
                    FigureClause("文件备案", "normative_docs.filings"),
                    FigureClause("后评估", "normative_docs.post_evaluations"),
                    FigureClause("专项清理", "normative_docs.cleanups"),
                ], separator: "、"),
            ]),
        Achievement(
            slot: AnnualReportSlot.enforcement, title: "坚持规范执法，全面提高行政执法质效",
            lines: [.enforcementSupervision],
            hint: "写明综合执法改革、行政执法培训和监督“双计划”、行政执法协调监督体系建设的举措。",
            sentences: [
                FigureSentenceTemplate("开展街道行政执法赋权事项全面评估，提出建议回收事项", [
                    FigureClause("", "enforcement.empowerment_recall_categories"),
                    FigureClause("", "enforcement.empowerment_recall_items"),
                ], separator: ""),
                FigureSentenceTemplate("全年开展", [
                    FigureClause("行政执法培训", "enforcement.trainings"),
                    FigureClause("专项监督", "enforcement.supervisions"),
                ], separator: "、"),
                FigureSentenceTemplate("区行政执法企业家监督员受邀参与联合监督", [
                    FigureClause("", "enforcement.entrepreneur_supervisor_participations"),
                ]),
            ]),
        Achievement(
            slot: AnnualReportSlot.reconsideration, title: "坚持复议为民，推动行政争议实质性化解",
            lines: [.reconsideration, .litigation],
            hint: "写明行政复议制度建设、全流程调解、依法行政监督和行政应诉能力建设的举措。",
            sentences: [
                FigureSentenceTemplate("全年", [
                    FigureClause("接收行政复议申请", "reconsideration.received"),
                    FigureClause("审结行政复议案件", "reconsideration.concluded", tail: "（含结转案件）"),
                    FigureClause("其中调解结案", "reconsideration.mediated",
                                 refines: "reconsideration.concluded", leadAlone: "调解结案"),
                    FigureClause("按期结案率", "reconsideration.on_time_rate",
                                 refines: "reconsideration.concluded", leadAlone: "行政复议案件按期结案率"),
                    FigureClause("行政复议纠错率", "reconsideration.correction_rate"),
                ]),
                FigureSentenceTemplate("全年制发行政复议意见书", [FigureClause("", "reconsideration.opinion_letters")]),
                FigureSentenceTemplate([FigureClause("被诉行政机关负责人出庭应诉率", "litigation.head_appearance_rate")]),
            ]),
        Achievement(
            slot: AnnualReportSlot.publicity, title: "坚持普治并举，深化基层普法依法治理",
            lines: [.publicity],
            hint: "写明普法规划实施、专项普法活动、“谁执法谁普法”履职评议、“法律明白人”培养等举措。",
            sentences: [
                FigureSentenceTemplate("全年开展法治宣传活动", [FigureClause("", "publicity.events")]),
                FigureSentenceTemplate("全区", [
                    FigureClause("", "publicity.exam_units", tail: "单位"),
                    FigureClause("", "publicity.exam_people", tail: "国家工作人员"),
                ], separator: "", closing: "完成学法用法网上学习考试"),
                FigureSentenceTemplate("全区", [
                    FigureClause("现有“法律明白人”", "liaisons.people"),
                    FigureClause("全年开展各类法治宣传活动", "liaisons.activities",
                                 refines: "liaisons.people", leadAlone: "“法律明白人”全年开展各类法治宣传活动"),
                ]),
            ]),
        Achievement(
            slot: AnnualReportSlot.legalServices, title: "坚持人民至上，优化公共法律服务供给",
            lines: [.legalServices, .legalAid, .notary],
            hint: "写明公共法律服务体系建设、律师行业发展、法律援助和公证服务创新的举措。",
            sentences: [
                FigureSentenceTemplate("公共法律服务律师人才库", [
                    FigureClause("入选专业律师", "legal_services.talent_pool_lawyers"),
                ]),
                FigureSentenceTemplate("全区现有", [
                    FigureClause("律师事务所", "legal_services.law_firms"),
                    FigureClause("律师总人数", "legal_services.lawyers",
                                 refines: "legal_services.law_firms", leadAlone: "执业律师"),
                ]),
                FigureSentenceTemplate([
                    FigureClause("开展“法援惠民生”系列活动", "legal_aid.outreach_events"),
                    FigureClause("全年受理法律援助案件", "legal_aid.accepted"),
                    FigureClause("为受援人挽回经济损失", "legal_aid.recovered_yuan"),
                ]),
                FigureSentenceTemplate("全年办理公证事项", [FigureClause("", "notary.matters")]),
            ]),
        Achievement(
            slot: AnnualReportSlot.mediation, title: "坚持多元共治，推进矛盾纠纷有效化解",
            lines: [.mediation],
            hint: "写明坚持和发展新时代“枫桥经验”、调解组织和特色调解室建设、重点领域纠纷化解的举措。",
            sentences: [
                FigureSentenceTemplate("全年各人民调解组织", [
                    FigureClause("开展矛盾纠纷排查", "mediation.screenings"),
                    FigureClause("成功化解矛盾纠纷", "mediation.resolved"),
                ]),
                FigureSentenceTemplate("推动律师参与劳动仲裁案件调解，", [
                    FigureClause("成功调解", "mediation.labor_arbitration_mediated"),
                ]),
                FigureSentenceTemplate("全年新成立人民调解委员会", [FigureClause("", "mediation.committees_founded")]),
            ]),
    ]
}
