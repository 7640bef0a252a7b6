import Testing
@testable import FazhiCore

@Suite struct AnnualReportDraftTests {
    let hedong = AnnualReportDraft(year: 2024, bureau: hedongBureau, figures: hedong2024Figures,
                                   date: CivilDate(year: 2025, month: 1, day: 17))

    @Test func titleAndSectionsFollowTheReference() {
        #expect(hedong.title == "河东区司法局2024年度法治政府建设情况报告")
        #expect(hedong.sections.map { $0.marker + $0.title } == [
            "一、2024年度推进法治政府建设的主要举措和成效",
            "二、党政主要负责人履行第一责任人职责情况",
            "三、当前工作存在的不足及原因",
            "四、2025年推进法治政府建设工作安排",
        ])
        #expect(hedong.sections[0].subsections.map { $0.marker + $0.title } == [
            "（一）坚持党的领导，压实法治政府建设责任",
            "（二）坚持依法行政，持续提升依法决策水平",
            "（三）坚持规范执法，全面提高行政执法质效",
            "（四）坚持复议为民，推动行政争议实质性化解",
            "（五）坚持普治并举，深化基层普法依法治理",
            "（六）坚持人民至上，优化公共法律服务供给",
            "（七）坚持多元共治，推进矛盾纠纷有效化解",
        ])
        #expect(hedong.sections.dropFirst().allSatisfy { $0.subsections.isEmpty && $0.narrative != nil })
    }

    /// Each subsection's generated opening, with the Hedong 2024 figures, as the reference writes them.
    @Test(arguments: [
        (0, ""),
        (1, "开展重大行政决策合法性审查3次。区委、区政府法律顾问团现有17人，全年参与法制工作718件次。全区公职律师单位38家，公职律师81人。"
            + "全年开展行政规范性文件合法性审核14次、文件备案1次、后评估3次、专项清理3次。"),
        (2, "开展街道行政执法赋权事项全面评估，提出建议回收事项18类47项。全年开展行政执法培训61场次、专项监督74次。"
            + "区行政执法企业家监督员受邀参与联合监督28人次。"),
        (3, "全年接收行政复议申请673件，审结行政复议案件574件（含结转案件），其中调解结案89件，按期结案率100%。"
            + "被诉行政机关负责人出庭应诉率100%。"),
        (4, "全年开展法治宣传活动100余场次。全区72家单位4319名国家工作人员完成学法用法网上学习考试。"
            + "全区现有“法律明白人”899名，全年开展各类法治宣传活动2432场次。"),
        (5, "公共法律服务律师人才库入选专业律师117名。全区现有律师事务所78家，律师总人数895人。"
            + "全年办理公证事项9806件。开展“法援惠民生”系列活动28场次，全年受理法律援助案件358件，为受援人挽回经济损失473万余元。"),
        (6, "全年各人民调解组织开展矛盾纠纷排查24888次，成功化解矛盾纠纷2748件。推动律师参与劳动仲裁案件调解，成功调解177件。"
            + "全年新成立人民调解委员会3个。"),
    ])
    func hedongSentences(_ index: Int, _ expected: String) {
        #expect(hedong.sections[0].subsections[index].sentences.map(\.text).joined() == expected)
    }

    @Test func hedongCarriesTheReportsFigures() {
        let text = hedong.sentences.map(\.text).joined()
        for figure in ["673件", "574件", "89件", "100%", "718件次", "17人", "100余场次", "473万余元", "9806件", "18类47项"] {
            #expect(text.contains(figure), "missing \(figure)")
        }
        #expect(hedong.unstatedKeys.isEmpty)
        #expect(Set(hedong.sentences.flatMap(\.metricKeys)) == Set(hedong2024Figures.keys))
    }

    @Test func figuresKeepTheirMetricKeys() {
        let reconsideration = hedong.sections[0].subsections[3].sentences[0]
        #expect(reconsideration.segments == [
            .text("全年接收行政复议申请"), .figure(key: "reconsideration.received", text: "673件"),
            .text("，审结行政复议案件"), .figure(key: "reconsideration.concluded", text: "574件"),
            .text("（含结转案件），其中调解结案"), .figure(key: "reconsideration.mediated", text: "89件"),
            .text("，按期结案率"), .figure(key: "reconsideration.on_time_rate", text: "100%"),
            .text("。"),
        ])
    }

    @Test func absentMetricsAreNotMentioned() {
        let draft = AnnualReportDraft(year: 2025, bureau: hedongBureau, figures: [
            "reconsideration.received": .count(12),
            "reconsideration.mediated": .count(2),
        ])
        #expect(draft.sentences.map(\.text) == ["全年接收行政复议申请12件，调解结案2件。"])
        #expect(draft.sections[0].subsections.filter { !$0.sentences.isEmpty }.map(\.number) == [4])
        let markdown = draft.markdown()
        for absent in ["审结", "按期结案率", "出庭应诉率", "法律顾问团", "公证事项", "0件", "—"] {
            #expect(!markdown.contains(absent), "mentions \(absent)")
        }
        #expect(AnnualReportDraft(year: 2025, bureau: hedongBureau, figures: [:]).sentences.isEmpty)
    }

    @Test func zeroIsWrittenOnlyWhenPresent() {
        let draft = AnnualReportDraft(year: 2025, bureau: hedongBureau, figures: ["notary.matters": .count(0)])
        #expect(draft.sentences.map(\.text) == ["全年办理公证事项0件。"])
    }

    @Test func undefinedRatesAndUnknownKeysAreLeftOutAndListed() {
        let draft = AnnualReportDraft(year: 2025, bureau: hedongBureau, figures: [
            "reconsideration.concluded": .count(0),
            "reconsideration.on_time_rate": .rate(numerator: 0, denominator: 0),
            "litigation.head_appearance_rate": .rate(numerator: 9, denominator: 10),
            "no.such_metric": .count(5),
        ])
        #expect(draft.sentences.map(\.text) == ["全年审结行政复议案件0件（含结转案件）。", "被诉行政机关负责人出庭应诉率90%。"])
        #expect(draft.unstatedKeys == ["no.such_metric", "reconsideration.on_time_rate"])
    }

    @Test func standaloneLeadsWhenTheRefinedFigureIsAbsent() {
        let draft = AnnualReportDraft(year: 2025, bureau: hedongBureau, figures: [
            "reconsideration.on_time_rate": .rate(numerator: 9, denominator: 10),
            "reconsideration.correction_rate": .rate(numerator: 1, denominator: 8),
            "reconsideration.opinion_letters": .count(4),
            "liaisons.activities": .count(30),
            "legal_services.lawyers": .count(895),
        ])
        #expect(draft.sentences.map(\.text) == [
            "全年行政复议案件按期结案率90%，行政复议纠错率12.5%。",
            "全年制发行政复议意见书4份。",
            "全区“法律明白人”全年开展各类法治宣传活动30场次。",
            "全区现有执业律师895人。",
        ])
    }

    /// A new metric must be given a clause, in the subsection of its line, exactly once.
    @Test func everyCatalogueMetricHasOneClauseInItsLinesSubsection() {
        let placements = AnnualReportOutline.standard.achievements.flatMap { achievement in
            achievement.sentences.flatMap(\.keys).map { (key: $0, lines: achievement.lines) }
        }
        #expect(placements.map(\.key).sorted() == MetricCatalogue.standard.all.map(\.key).sorted())
        for placement in placements {
            let metric = MetricCatalogue.standard.metric(placement.key)
            #expect(metric.map { placement.lines.contains($0.line) } == true, "\(placement.key) outside its line")
        }
    }

    @Test func markdownMergesNarratives() {
        let markdown = hedong.markdown(narratives: [
            AnnualReportSlot.reconsideration: "会同交警支队建立道路交通类行政复议案件案前处理工作机制。",
            AnnualReportSlot.shortcomings: "（一）调解组织的覆盖领域仍需拓展。\n\n（二）公共法律服务实体平台建设水平有待提升。",
            AnnualReportSlot.headDuties: "   ",
        ])
        #expect(markdown.hasPrefix("# 河东区司法局2024年度法治政府建设情况报告\n\n2024年，河东区司法局在区委、区政府的坚强领导下"))
        #expect(markdown.contains("\n\n## 一、2024年度推进法治政府建设的主要举措和成效\n\n**（一）坚持党的领导，压实法治政府建设责任。**【待填写："))
        #expect(markdown.contains("\n\n**（四）坚持复议为民，推动行政争议实质性化解。**全年接收行政复议申请673件，"
            + "审结行政复议案件574件（含结转案件），其中调解结案89件，按期结案率100%。被诉行政机关负责人出庭应诉率100%。"
            + "会同交警支队建立道路交通类行政复议案件案前处理工作机制。\n\n"))
        #expect(markdown.contains("## 二、党政主要负责人履行第一责任人职责情况\n\n【待填写：写明主要负责同志"))
        #expect(markdown.contains("## 三、当前工作存在的不足及原因\n\n（一）调解组织的覆盖领域仍需拓展。\n\n（二）公共法律服务实体平台"))
        #expect(markdown.hasSuffix("\n\n河东区司法局\n\n2025年1月17日\n"))
    }

    @Test func plainTextHasNoMarkupAndAPlaceholderDate() {
        let draft = AnnualReportDraft(year: 2025, bureau: "河西区司法局", figures: ["publicity.events": .count(230)])
        let text = draft.plainText(narratives: [AnnualReportSlot.preamble: "2025年，河西区司法局……"])
        #expect(text.hasPrefix("河西区司法局2025年度法治政府建设情况报告\n\n2025年，河西区司法局……\n\n一、2025年度推进法治政府建设的主要举措和成效\n\n"))
        #expect(text.contains("（五）坚持普治并举，深化基层普法依法治理。全年开展法治宣传活动230场次。【待填写："))
        #expect(text.contains("四、2026年推进法治政府建设工作安排"))
        #expect(!text.contains("#") && !text.contains("**"))
        #expect(text.hasSuffix("河西区司法局\n\n【待填写：成文日期】\n"))
    }

    @Test func narrativeSlotsHaveDistinctIDs() {
        let ids = hedong.narrativeSlots.map(\.id)
        #expect(ids.count == 11)
        #expect(Set(ids).count == ids.count)
        #expect(ids.first == AnnualReportSlot.preamble && ids.last == AnnualReportSlot.nextYear)
    }
}
