import Foundation
import Testing
@testable import FazhiCore

@Suite struct EnforcementSupervisionTests {
    static func day(_ text: String) -> CivilDate { CivilDate(string: text)! }

    func refusal(_ step: () throws -> RectificationState) -> TransitionError? {
        do { _ = try step(); return nil } catch { return error as? TransitionError }
    }

    static let calendar = try! WorkingCalendar.bundled()

    func due(_ notified: String, _ requested: String? = nil) throws(TransitionError) -> RectificationDeadline {
        try Rectification.deadline(notifiedOn: Self.day(notified), requested: requested.map(Self.day), rule: EnforcementSupervisionRules.rectificationRule,
                                   calendar: Self.calendar)
    }

    @Test("The rectification deadline is counted by the engine: 30 days from the notice (or the notice's own period), a last day on a rest day rolled forward, its basis named and marked unverified")
    func dueDate() throws {
        let plain = try due("2025-05-20")
        #expect(plain.deadline.due == Self.day("2025-06-19") && plain.days == 30 && plain.deadline.ruleKey == "enforcement.rectification")
        #expect(!plain.deadline.provisional && plain.deadline.basis.contains("行政执法监督") && plain.deadline.basis.contains("待核实"))
        #expect(plain.deadline.explanation.first?.hasPrefix("依据：") == true)
        // 30 days from 2025-09-01 end on 10-01, in the National Day holiday (10-01..10-08): rolled to 10-09.
        let holiday = try due("2025-09-01")
        #expect(holiday.deadline.due == Self.day("2025-10-09"))
        #expect(holiday.deadline.explanation.contains { $0.hasPrefix("顺延：") })
        // 2025-05-31 is a Saturday in the Dragon Boat holiday (05-31..06-02): the next working day is 06-03.
        #expect(try due("2025-05-01").deadline.due == Self.day("2025-06-03"))
        // The notice's own date: kept on a working day, rolled forward from a weekend, and counted as its period.
        let own = try due("2025-05-20", "2025-07-01")
        #expect(own.deadline.due == Self.day("2025-07-01") && own.days == 42)
        #expect(try due("2025-05-20", "2025-07-05").deadline.due == Self.day("2025-07-07"))
        // Into a year without holiday data: provisional.
        #expect(try due("2026-12-20").deadline.provisional)
        let rule = EnforcementSupervisionRules.rectificationRule
        #expect(rule.unverified && rule.basis.contains("行政执法监督"))
        for requested in ["2025-05-20", "2026-05-22"] {
            do {
                _ = try due("2025-05-20", requested)
                Issue.record("a deadline on \(requested) was accepted")
            } catch {
                #expect(error.invalidField == "dueOn")
            }
        }
    }

    @Test("A return keeps the deadline in force unless the redo rule's 15 days from the return end later")
    func afterReturn() throws {
        let current = try due("2025-05-20")   // due 2025-06-19
        let redo = EnforcementSupervisionRules.redoRule
        let late = try Rectification.afterReturn(current, returnedOn: Self.day("2025-06-10"), rule: redo, calendar: Self.calendar)
        #expect(late.deadline.due == Self.day("2025-06-25") && late.deadline.ruleKey == "enforcement.rectificationRedo" && late.days == 15)
        let early = try Rectification.afterReturn(current, returnedOn: Self.day("2025-05-25"), rule: redo, calendar: Self.calendar)
        #expect(early == current)
        #expect(redo.unverified && EnforcementSupervisionRules.deadlineRules.map(\.key) == ["enforcement.rectification", "enforcement.rectificationRedo"])
    }

    @Test("Report, then accept or return; each step only in its state, with what it needs")
    func steps() throws {
        let notified = Self.day("2025-05-20")
        let reported = try Rectification.report(state: .notified, notifiedOn: notified, reportedOn: Self.day("2025-06-01"), text: "已完成整改并建立制度")
        #expect(reported == .reported)
        #expect(refusal { try Rectification.report(state: .reported, notifiedOn: notified, reportedOn: Self.day("2025-06-02"), text: "再次报送整改") }?.code
            == "not_awaiting_report")
        #expect(refusal { try Rectification.report(state: .notified, notifiedOn: notified, reportedOn: Self.day("2025-06-01"), text: " ") }?.invalidField
            == "report")
        #expect(refusal { try Rectification.report(state: .notified, notifiedOn: notified, reportedOn: Self.day("2025-05-19"), text: "已完成整改") }?.invalidField
            == "reportedOn")
        #expect(refusal { try Rectification.review(state: .notified, reportedOn: nil, reviewedOn: Self.day("2025-06-03"), accept: true, comment: "") }?.code
            == "not_reported")
        #expect(refusal { try Rectification.review(state: .reported, reportedOn: Self.day("2025-06-01"), reviewedOn: Self.day("2025-06-03"), accept: false,
                                                   comment: "") }?.invalidField == "comment")
        let returned = try Rectification.review(state: .reported, reportedOn: Self.day("2025-06-01"), reviewedOn: Self.day("2025-06-03"), accept: false,
                                                comment: "材料不全")
        #expect(returned == .returned && returned.awaitsReport)
        let again = try Rectification.report(state: returned, notifiedOn: notified, reportedOn: Self.day("2025-06-10"), text: "已补充材料")
        #expect(try Rectification.review(state: again, reportedOn: Self.day("2025-06-10"), reviewedOn: Self.day("2025-06-12"), accept: true, comment: "")
            == .accepted)
    }

    @Test("Overdue only while a report is owed after the deadline")
    func overdue() {
        let due = Self.day("2025-06-19")
        #expect(Rectification.isOverdue(state: .notified, dueOn: due, today: Self.day("2025-06-20")))
        #expect(!Rectification.isOverdue(state: .notified, dueOn: due, today: Self.day("2025-06-19")))
        #expect(Rectification.isOverdue(state: .returned, dueOn: due, today: Self.day("2025-07-01")))
        #expect(!Rectification.isOverdue(state: .reported, dueOn: due, today: Self.day("2025-07-01")))
        #expect(!Rectification.isOverdue(state: .accepted, dueOn: due, today: Self.day("2025-07-01")))
    }

    @Test("The plan's progress: by month, by agency, and the lines behind once their month is over")
    func progress() {
        let plan = PlanProgress(lines: [
            .init(kind: .training, agency: "市场监管局", topic: "行政处罚法", month: 3, planned: 2, held: 1),
            .init(kind: .training, agency: "城管委", topic: "行政处罚法", month: 3, planned: 1, held: 3),
            .init(kind: .supervision, agency: "市场监管局", topic: "案卷评查", month: 6, planned: 1, held: 0),
            .init(kind: .supervision, agency: "城管委", topic: "案卷评查", month: 11, planned: 1, held: 0),
        ])
        let today = Self.day("2025-07-15")
        #expect(plan.months(.training)[2] == .init(month: 3, planned: 3, held: 2))   // more than planned counts up to the plan
        #expect(plan.months(.supervision)[5] == .init(month: 6, planned: 1, held: 0))
        #expect(plan.behind(year: 2025, today: today).map(\.topic) == ["行政处罚法", "案卷评查"])
        #expect(plan.behind(year: 2025, today: today).map(\.agency) == ["市场监管局", "市场监管局"])
        #expect(plan.behind(year: 2025, today: Self.day("2026-01-05")).count == 3)   // the year is over: November's too
        let agencies = plan.agencies(year: 2025, today: today)
        #expect(agencies.first?.agency == "市场监管局" && agencies.first?.behind == 2 && agencies.first?.planned == 3)
        #expect(PlanProgress.check(month: 13, planned: 1).map(\.field) == ["month"])
        #expect(PlanProgress.check(month: 1, planned: 0).map(\.field) == ["planned"])
        #expect(PlanProgress.check(month: 12, planned: 3).isEmpty)
    }
}
