import Testing
@testable import FazhiCore

@Suite struct ReportNumberFormatTests {
    @Test(arguments: [
        (673, "件", "673件"), (718, "件次", "718件次"), (61, "场次", "61场次"), (0, "件", "0件"),
        (24888, "次", "24888次"), (105, "场次", "105场次"),
    ])
    func exactCounts(_ count: Int, _ measureWord: String, _ expected: String) {
        #expect(ReportNumberFormat.count(count, measureWord: measureWord) == expected)
    }

    @Test(arguments: [
        (100, "100场次"), (101, "100余场次"), (105, "100余场次"), (109, "100余场次"), (110, "110场次"),
        (115, "110余场次"), (99, "99场次"), (28, "28场次"), (0, "0场次"), (999, "990余场次"),
        (1000, "1000场次"), (1099, "1000余场次"), (4319, "4300余场次"), (24888, "24000余场次"),
    ])
    func approximateCounts(_ count: Int, _ expected: String) {
        #expect(ReportNumberFormat.count(count, measureWord: "场次", approximate: true) == expected)
    }

    @Test(arguments: [
        (4_731_234.0, "473万余元"), (4_730_000.0, "473万元"), (4_739_999.99, "473万余元"), (4_730_000.01, "473万余元"),
        (100_000.0, "10万元"), (100_500.0, "10万余元"), (15_300.0, "1.5万余元"), (15_000.0, "1.5万元"),
        (10_000.0, "1万元"), (8500.0, "8500元"), (9999.5, "9999.5元"), (0.0, "0元"),
    ])
    func approximateMoney(_ yuan: Double, _ expected: String) {
        #expect(ReportNumberFormat.money(yuan: yuan, approximate: true) == expected)
    }

    @Test(arguments: [
        (4_731_234.0, "4731234元"), (4_730_000.0, "473万元"), (8500.0, "8500元"), (8500.5, "8500.5元"),
        (8500.05, "8500.05元"), (12.3, "12.3元"), (0.0, "0元"),
    ])
    func exactMoney(_ yuan: Double, _ expected: String) {
        #expect(ReportNumberFormat.money(yuan: yuan) == expected)
    }

    @Test(arguments: [
        (574, 574, "100%"), (493, 500, "98.6%"), (0, 0, "—"), (0, 12, "0%"), (1, 2, "50%"),
        (999, 1000, "99.9%"), (9999, 10000, "99.9%"), (1, 10000, "0.1%"), (1, 3, "33.3%"), (2, 3, "66.7%"),
    ])
    func ratesFromCounts(_ numerator: Int, _ denominator: Int, _ expected: String) {
        #expect(ReportNumberFormat.rate(numerator: numerator, denominator: denominator) == expected)
    }

    @Test(arguments: [(1.0, "100%"), (0.986, "98.6%"), (0.95, "95%"), (0.0, "0%"), (0.99999, "99.9%")])
    func ratesFromFractions(_ fraction: Double, _ expected: String) {
        #expect(ReportNumberFormat.rate(fraction) == expected)
    }

    @Test func undefinedRateIsADash() {
        #expect(ReportNumberFormat.rate(nil) == "—")
        #expect(ReportNumberFormat.rate(.nan) == "—")
        #expect(MetricFigure.rate(numerator: 0, denominator: 0).fraction == nil)
        #expect(MetricFigure.rate(numerator: 0, denominator: 0).isDefined == false)
        #expect(MetricFigure.rate(numerator: 3, denominator: 4).fraction == 0.75)
    }

    @Test(arguments: [("2025-01-17", "2025年1月17日"), ("2024-12-31", "2024年12月31日"), ("2026-10-08", "2026年10月8日")])
    func dates(_ iso: String, _ expected: String) throws {
        let date = try #require(CivilDate(string: iso))
        #expect(ReportNumberFormat.date(date) == expected)
    }

    /// The catalogue decides the approximation: only the figures the reference itself rounds.
    @Test func figuresUseTheCatalogue() throws {
        let events = try #require(MetricCatalogue.standard.metric("publicity.events"))
        let recovered = try #require(MetricCatalogue.standard.metric("legal_aid.recovered_yuan"))
        let received = try #require(MetricCatalogue.standard.metric("reconsideration.received"))
        let onTime = try #require(MetricCatalogue.standard.metric("reconsideration.on_time_rate"))
        #expect(ReportNumberFormat.figure(.count(105), of: events) == "100余场次")
        #expect(ReportNumberFormat.figure(.money(4_731_234), of: recovered) == "473万余元")
        #expect(ReportNumberFormat.figure(.count(105), of: received) == "105件")
        #expect(ReportNumberFormat.figure(.rate(numerator: 574, denominator: 574), of: onTime) == "100%")
        #expect(MetricCatalogue.standard.all.filter(\.approximate).map(\.key) == ["publicity.events", "legal_aid.recovered_yuan"])
    }
}
