import Fluent
import FazhiCore
import Vapor

/// The demo district's catalogue of major decisions: each year about three decisions taken through all five procedures
/// (the reference report's 3 legality reviews), one of last year's evaluated after the fact, one taken off the
/// catalogue, and this year's still under way with procedures missing. Recorded through the line's rules.
struct MajorDecisionDemo {
    let demo: DemoCases

    static let officeCode = "\(DemoData.bureauCode)-FZ"

    static let titles = [
        "河东区老旧小区改造三年行动实施方案", "河东区养老服务设施布局专项规划", "河东区生活垃圾分类管理实施办法",
        "河东区城市更新片区开发建设方案", "河东区义务教育学校布局调整方案", "河东区停车设施建设与管理实施方案",
        "河东区营商环境优化提升行动方案", "河东区社区卫生服务中心建设规划", "河东区海河东岸景观提升工程方案",
    ]

    func load(random: inout DemoRandom) async throws -> [String] {
        let db = demo.db, today = demo.today, calendar = demo.calendar
        guard let office = try await Org.query(on: db).filter(\.$code == Self.officeCode).first() else { return [] }
        let handler = try await demo.user("juece").id!
        var stories: [CaseWorkflow<MajorDecisionRules>.Story] = []
        var titles = Self.titles.makeIterator()
        for year in [today.year - 1, today.year] {
            let plans: [(listed: Int, outcome: String)] = year < today.year
                ? [(40, "evaluated"), (70, "decided"), (150, "decided"), (120, "withdrawn")]
                : [(35, "decided"), (60, "decided"), (90, "decided"), (200, "partial"), (260, "listed")]
            for plan in plans {
                guard let title = titles.next() else { break }
                let listed = CivilDate(year: year, month: 1, day: 1)!.adding(days: plan.listed)
                guard listed <= today else { continue }
                var events: [MajorDecisionEvent] = [.list(date: listed, title: title, organ: "河东区人民政府")]
                func add(_ event: MajorDecisionEvent) -> Bool {
                    guard event.date <= today else { return false }
                    events.append(event)
                    return true
                }
                if plan.outcome == "withdrawn" {
                    _ = add(.withdraw(date: listed.adding(days: 45), reason: "经研究，该事项调整为由市级统筹实施，不再列入区级决策"))
                } else if plan.outcome != "listed" {
                    let from = listed.adding(days: 10)
                    var ok = add(.publicParticipation(date: from.adding(days: 31), commentFrom: from, commentTo: from.adding(days: 30),
                                                      shortenedReason: nil, evidence: "区政府网站征求意见公告及意见采纳情况说明"))
                    ok = ok && add(.expertArgument(date: from.adding(days: 38), evidence: "专家论证会意见（\(random.int(5...9))名专家）"))
                    ok = ok && add(random.chance(0.5) ? .riskAssessment(date: from.adding(days: 45), evidence: "社会稳定风险评估报告")
                                   : .exempt(date: from.adding(days: 45), procedure: .riskAssessment, reason: "事项不涉及群众切身利益调整，经研判无需开展风险评估"))
                    if plan.outcome != "partial" {
                        let submitted = calendar.addingWorkingDays(1, to: from.adding(days: 46))
                        let opinionOn = calendar.addingWorkingDays(random.int(8...12), to: submitted)
                        ok = ok && add(.legalityReview(date: opinionOn, submittedOn: submitted, opinion: random.chance(0.7) ? .lawful : .lawfulWithChanges,
                                                       evidence: "区司法局合法性审查意见书"))
                        let meeting = calendar.addingWorkingDays(random.int(3...10), to: opinionOn)
                        ok = ok && add(.collectiveDiscussion(date: meeting, meeting: "区政府第\(random.int(20...80))次常务会议", evidence: "会议纪要"))
                        ok = ok && add(.decide(date: meeting))
                        if ok, plan.outcome == "evaluated" {
                            _ = add(.postEvaluate(date: meeting.adding(days: 300), conclusion: "决策实施总体达到预期效果，建议继续实施并完善资金保障"))
                        }
                    }
                }
                stories.append(.init(opening: .init(org: office.id!, agency: nil, handler: handler, title: title), events: events))
            }
        }
        let written = try await CaseWorkflow<MajorDecisionRules>(db: db, calendar: calendar, actor: .command("demo")).openMany(stories).count
        return ["重大行政决策 \(written) 项"]
    }
}
