import Testing
@testable import FazhiCore

@Suite struct DeadlineStatusTests {
    @Test(arguments: [
        // due, today, paused, completed, expected
        ("2024-10-08", "2024-09-30", false, String?.none, DeadlineStatus.dueSoon),  // only 10-08 left
        ("2024-10-14", "2024-10-08", false, nil, .running),   // 10-09, 10, 11, 12 (make-up), 14: five
        ("2024-10-14", "2024-10-09", false, nil, .running),   // four left
        ("2024-10-14", "2024-10-10", false, nil, .dueSoon),   // 10-11, 10-12, 10-14: three
        ("2024-10-08", "2024-10-08", false, nil, .dueSoon),   // the due day itself
        ("2024-10-08", "2024-10-09", false, nil, .overdue),
        ("2024-10-08", "2024-10-09", true, nil, .paused),
        ("2024-10-08", "2024-10-20", false, "2024-10-08", .met),
        ("2024-10-08", "2024-10-20", false, "2024-10-09", .missed),
        ("2024-12-20", "2024-10-01", false, nil, .running),
    ])
    func evaluates(due: String, today: String, paused: Bool, completed: String?, expected: DeadlineStatus) {
        let status = DeadlineStatus.evaluate(due: day(due), today: day(today), paused: paused,
                                             completedOn: completed.map(day), calendar: bundledCalendar)
        #expect(status == expected)
    }

    @Test func aTargetIsNeverAViolation() {
        let status = DeadlineStatus.evaluate(due: day("2024-05-06"), today: day("2024-06-01"), kind: .target,
                                             calendar: bundledCalendar)
        #expect(status == .overdue)
        #expect(!status.isViolation(for: .target))
        #expect(status.isViolation(for: .binding))
        #expect(status.label(for: .target) == "超出目标期限")
    }

    @Test func aMinimumIsMetOnOrAfterItsDate() {
        let due = day("2024-05-06")
        #expect(DeadlineStatus.evaluate(due: due, today: day("2024-06-01"), kind: .minimum, calendar: bundledCalendar) == .running)
        #expect(DeadlineStatus.evaluate(due: due, today: due, completedOn: day("2024-05-06"), kind: .minimum,
                                        calendar: bundledCalendar) == .met)
        #expect(DeadlineStatus.evaluate(due: due, today: due, completedOn: day("2024-05-01"), kind: .minimum,
                                        calendar: bundledCalendar) == .missed)
    }

    @Test func everyStatusHasAChineseLabel() {
        let labels = DeadlineStatus.allCases.map(\.label)
        #expect(Set(labels).count == labels.count && labels.allSatisfy { !$0.isEmpty })
    }
}
