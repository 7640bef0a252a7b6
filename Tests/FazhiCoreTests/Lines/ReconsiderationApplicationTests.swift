import Testing
@testable import FazhiCore

/// 行政复议法第二十条、第二十一条: the late-application flag and its basis.
@Suite struct ReconsiderationApplicationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let event: ReconsiderationEvent
        let late: Bool
        var basis: String? = nil
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "60 days from 2024-01-05 end on 03-05: received that day is in time",
             event: .receive(date: day("2024-03-05"), knewOn: day("2024-01-05")), late: false),
        Case(name: "received 03-06 is late under 第二十条第一款",
             event: .receive(date: day("2024-03-06"), knewOn: day("2024-01-05")), late: true, basis: "第二十条第一款"),
        Case(name: "posted 03-05, received 03-08: time in the post is not counted",
             event: .receive(date: day("2024-03-08"), knewOn: day("2024-01-05"), channel: .post, postedOn: day("2024-03-05")), late: false),
        Case(name: "received online 03-08 is late",
             event: .receive(date: day("2024-03-08"), knewOn: day("2024-01-05"), channel: .online), late: true, basis: "2024年3月5日"),
        Case(name: "60 days ending on the Spring Festival roll to 2024-02-18 (make-up Sunday)",
             event: .receive(date: day("2024-02-18"), knewOn: day("2023-12-12")), late: false),
        Case(name: "not informed of the right: one year from 2023-03-01 ends Friday 2024-03-01",
             event: .receive(date: day("2024-03-01"), knewOn: day("2023-03-01"), informedOfRight: false), late: false),
        Case(name: "not informed, received 2024-03-04: past the one-year cap",
             event: .receive(date: day("2024-03-04"), knewOn: day("2023-03-01"), informedOfRight: false), late: true, basis: "第二十条第二款"),
        Case(name: "not informed, learned of the right 2023-06-01: 60 days to 07-31",
             event: .receive(date: day("2023-08-15"), knewOn: day("2023-03-01"), informedOfRight: false,
                             learnedOfRightOn: day("2023-06-01")), late: true, basis: "知道申请权利、期限"),
        Case(name: "act of 2018-01-01, 5-year cap under 第二十一条",
             event: .receive(date: day("2024-03-05"), knewOn: day("2024-03-01"), actDate: day("2018-01-01")), late: true, basis: "第二十一条"),
        Case(name: "real property: the 20-year cap is not reached",
             event: .receive(date: day("2024-03-05"), knewOn: day("2024-03-01"), actDate: day("2018-01-01"), realProperty: true), late: false),
    ]

    @Test("Late applications are flagged with their basis", arguments: cases)
    func lateness(_ row: Case) throws {
        let dossier = try ReconsiderationRules.open(with: row.event, calendar: bundledCalendar)
        #expect(dossier.isLate == row.late, "\(dossier.lateBasis ?? "in time")")
        if let basis = row.basis {
            #expect(dossier.lateBasis?.contains(basis) == true, "\(dossier.lateBasis ?? "nil")")
        } else {
            #expect(dossier.lateBasis == nil)
        }
    }

    @Test("A late application can still be accepted: the flag informs, the officer decides")
    func lateStillAccepted() throws {
        let dossier = try Recon.run([.receive(date: day("2024-03-06"), knewOn: day("2024-01-05")), .accept(date: day("2024-03-07"))])
        #expect(dossier.isLate && dossier.state == .underReview)
    }
}
