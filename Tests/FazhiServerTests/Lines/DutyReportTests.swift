import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Legal publicity: 谁执法谁普法 duty reports")
struct DutyReportTests {
    struct Submission: Content {
        var orgID: String?
        var year: String?
        var title: String?
        var text: String?
        var file: File?
        var _csrf: String?
    }

    static func submit(_ client: TestClient, _ body: Submission, page: Bool = false,
                       _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        var body = body
        if page { body._csrf = client.csrf }
        try await client.app.testing().test(.POST, page ? "/publicity/duty-reports" : "/api/v1/publicity/duty-reports",
                                            headers: page ? client.cookie : client.bearer, beforeRequest: { req in
            try req.content.encode(body, as: .formData)
        }, afterResponse: check)
    }

    static func ranking(_ client: TestClient, _ year: Int) async throws -> DutyReports.Ranking {
        var ranking: DutyReports.Ranking?
        try await client.get("/api/v1/publicity/duty-reports?year=\(year)") { res in
            #expect(res.status == .ok, "\(res.text)")
            ranking = try res.content.decode(DutyReports.Ranking.self)
        }
        return try #require(ranking)
    }

    @Test("An agency submits its year's report with a file; the office above reviews it with a score; the ranking; the agency sees its own only",
          arguments: TestDatabase.all)
    func submitAndReview(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let year = ChinaTime.today.year - 2
            let agency = try await TestClient.api(app, "pufa-shijian")
            let office = try await TestClient.api(app, "pufa")
            let pdf = Array("%PDF-1.7\n报告".utf8)

            // Every broken rule at once, naming its field; nothing stored.
            try await Self.submit(agency, Submission(year: "1999", title: "", text: "", file: File(data: ByteBuffer(string: "MZ"), filename: "报告.pdf"))) { res in
                #expect(res.status == .unprocessableEntity)
                let fields = Set((res.errorBody?.error.errors ?? []).map(\.field))
                #expect(fields == ["year", "title", "text", "file"], "\(res.text)")
            }
            #expect(try await DutyReport.query(on: app.db).filter(\.$year == year).count() == 0)

            var detail: DutyReports.Detail?
            try await Self.submit(agency, Submission(year: String(year), title: "\(year)年度履职报告", text: "普法责任清单落实。\n以案释法。",
                                                     file: File(data: ByteBuffer(bytes: pdf), filename: "履职报告.pdf"))) { res in
                #expect(res.status == .created, "\(res.text)")
                detail = try res.content.decode(DutyReports.Detail.self)
            }
            let submitted = try #require(detail)
            #expect(submitted.report.agency == "河东区市场监督管理局")
            #expect(submitted.report.score == nil)
            let fileURL = try #require(submitted.fileURL)
            try await agency.get(fileURL) { res in
                #expect(res.status == .ok)
                #expect([UInt8](res.body.readableBytesView) == pdf)
                #expect(res.headers.contentType?.description == "application/pdf")
            }
            // Resubmitted before review: the text replaced, the file kept.
            try await Self.submit(agency, Submission(year: String(year), title: "\(year)年度履职报告（修订）", text: "修订后的正文")) { res in
                #expect(res.status == .created, "\(res.text)")
                let again = try res.content.decode(DutyReports.Detail.self)
                #expect(again.report.id == submitted.report.id)
                #expect(again.text == "修订后的正文")
                #expect(again.fileURL == fileURL)
            }

            // The agency may not review its own; a station does not find it.
            try await agency.send(.POST, "/api/v1/publicity/duty-reports/\(submitted.report.id)/review",
                                  json: DutyReports.ReviewInput(score: 100, comments: "自评")) { res in #expect(res.status == .forbidden) }
            let station = try await TestClient.api(app, "chunhua")
            try await station.get("/api/v1/publicity/duty-reports/\(submitted.report.id)") { res in #expect(res.status == .notFound) }
            try await station.get(fileURL) { res in #expect(res.status == .notFound) }

            // The office submits a paper report for another agency; it sees both awaiting review and the agencies missing.
            let police = try await app.org(code: "120102-AG-GA")
            var policeReport: UUID?
            try await Self.submit(office, Submission(orgID: police.id!.uuidString, year: String(year), title: "公安分局履职报告", text: "正文")) { res in
                #expect(res.status == .created, "\(res.text)")
                policeReport = try res.content.decode(DutyReports.Detail.self).report.id
            }
            let agencies = try await Org.query(on: app.db).filter(\.$kind == .agency).filter(\.$active == true).count()
            var ranking = try await Self.ranking(office, year)
            #expect(ranking.awaitingReview.count == 2)
            #expect(ranking.notSubmitted.count == agencies - 2)

            // The review: bounded score and comments required, each named; then scored, once.
            try await office.send(.POST, "/api/v1/publicity/duty-reports/\(submitted.report.id)/review",
                                  json: DutyReports.ReviewInput(score: 101, comments: "")) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(Set((res.errorBody?.error.errors ?? []).map(\.field)) == ["score", "comments"], "\(res.text)")
            }
            try await office.send(.POST, "/api/v1/publicity/duty-reports/\(submitted.report.id)/review",
                                  json: DutyReports.ReviewInput(score: 92, comments: "以案释法有特色")) { res in
                #expect(res.status == .ok, "\(res.text)")
                let reviewed = try res.content.decode(DutyReports.Detail.self)
                #expect(reviewed.report.score == 92)
                #expect(reviewed.report.reviewedOn == ChinaTime.today.description)
            }
            try await office.send(.POST, "/api/v1/publicity/duty-reports/\(submitted.report.id)/review",
                                  json: DutyReports.ReviewInput(score: 60, comments: "再评")) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "score")
            }
            try await office.postForm("/publicity/duty-reports/\(try #require(policeReport))/review", ["score": "95", "comments": "普法责任清单落实到位"]) { res in
                #expect(res.status == .seeOther, "\(res.text)")
            }
            try await Self.submit(agency, Submission(year: String(year), title: "再交", text: "再交")) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "year")
            }

            ranking = try await Self.ranking(office, year)
            #expect(ranking.ranked.map(\.agency) == [police.name, "河东区市场监督管理局"])
            #expect(ranking.ranked.map(\.rank) == [1, 2])
            #expect(ranking.awaitingReview.isEmpty)
            // The agency sees its own report only.
            let own = try await Self.ranking(agency, year)
            #expect(own.ranked.map(\.agency) == ["河东区市场监督管理局"])
            #expect(own.notSubmitted.isEmpty)
            try await agency.get("/api/v1/publicity/duty-reports/\(try #require(policeReport))") { res in #expect(res.status == .notFound) }

            // Each review is a row of the office's books, dated the day reviewed, with the report's own year; the overview ranks
            // the reports by their year, not by the day they were reviewed.
            let bureau = try await app.org(code: "120102")
            let entries = try await LedgerEntry.query(on: app.db).filter(\.$kind == "publicity.dutyReport")
                .filter(\.$occurredOn == ChinaTime.today.description).all()
            #expect(Set(entries.map(\.title)) == [police.name, "河东区市场监督管理局"])
            #expect(entries.allSatisfy { $0.$org.id == bureau.id! && LedgerFields.decode($0.fields)["year"] == String(year) })
            let overview = try await PublicityLineTests.overview(office, "year=\(year)")
            #expect(overview.ranking.map(\.score) == [95, 92])
            #expect(overview.ranking.map(\.unit) == ranking.ranked.map(\.agency))
            #expect(try await PublicityLineTests.overview(office, "year=\(ChinaTime.today.year)").ranking.isEmpty)

            // The pages: the ranking and the report, the review form only for the office.
            try await office.getPage("/publicity/duty-reports?year=\(year)") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("以案释法有特色"))
                #expect(res.text.contains("尚未提交"))
            }
            try await agency.getPage("/publicity/duty-reports/\(submitted.report.id)") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("修订后的正文"))
                #expect(!res.text.contains("保存评议"))
            }
            // A page submission with its errors under the fields.
            try await Self.submit(agency, Submission(year: String(year - 1), title: "", text: "正文"), page: true) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("请填写报告标题"))
            }
            try await Self.submit(agency, Submission(year: String(year - 1), title: "前一年度报告", text: "正文"), page: true) { res in
                #expect(res.status == .seeOther, "\(res.text)")
            }
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entityType == "dutyReport").filter(\.$action == "review").count()
            #expect(audit >= 2)
        }
    }

    static func submitted(_ app: Application, _ agency: Org, year: Int, by submitter: DutyReportRules.Submitter = .agency) async throws -> DutyReport {
        try await DutyReports.submit(try DutyReportRules.submission(year: String(year), title: "\(year)年度履职报告", text: "正文", today: ChinaTime.today),
                                     file: nil, agency: agency, by: submitter, on: CivilDate(year: year, month: 12, day: 20)!, actor: .system, on: app.db)
    }

    @Test("A report is ranked in its own year however late it is reviewed; one agency's reports of two years, and two agencies', reviewed the same day never collide",
          arguments: TestDatabase.all)
    func reportsByTheirOwnYear(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let market = try await app.org(code: "120102-AG-SJ"), police = try await app.org(code: "120102-AG-GA")
            let office = try #require(market.$parent.id)
            let january = CivilDate(year: 2024, month: 1, day: 10)!
            // 2023's reports, and the market regulator's late 2022 report, all reviewed on one day of January 2024.
            for (agency, year, score) in [(market, 2023, 88), (police, 2023, 93), (market, 2022, 70)] {
                let report = try await Self.submitted(app, agency, year: year)
                try await DutyReports.review(try DutyReportRules.review(score: String(score), comments: "评议意见"), of: report.id!, office: office,
                                             on: january, actor: .system, on: app.db)
            }
            let entries = try await LedgerEntry.query(on: app.db).filter(\.$kind == "publicity.dutyReport").filter(\.$occurredOn == january.description).all()
            #expect(entries.count == 3)
            let client = try await TestClient.api(app, "pufa")
            for (year, expected) in [(2023, [police.name, market.name]), (2022, [market.name]), (2024, [])] {
                let overview = try await PublicityLineTests.overview(client, "year=\(year)")
                #expect(overview.ranking.map(\.unit) == expected, "\(year)")
                #expect(try await Self.ranking(client, year).ranked.map(\.agency) == expected, "\(year)")
            }
            #expect(try await PublicityLineTests.overview(client, "year=2023").ranking.map(\.score) == [93, 88])
        }
    }

    @Test("The office enters a report on paper for an agency that has not submitted, but never overwrites one the agency submitted itself",
          arguments: TestDatabase.all)
    func officeDoesNotOverwriteAgency(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let year = ChinaTime.today.year - 1
            let agency = try await TestClient.api(app, "pufa-shijian")
            let office = try await TestClient.api(app, "pufa")
            let market = try await app.org(code: "120102-AG-SJ"), police = try await app.org(code: "120102-AG-GA")
            try await Self.submit(agency, Submission(year: String(year), title: "本局自行提交", text: "本局的正文")) { res in
                #expect(res.status == .created, "\(res.text)")
            }
            let audits = try await AuditEntry.query(on: app.db).filter(\.$entityType == "dutyReport").count()
            for page in [false, true] {
                try await Self.submit(office, Submission(orgID: market.id!.uuidString, year: String(year), title: "代为录入", text: "纸质报告"),
                                      page: page) { res in
                    #expect(res.status == .unprocessableEntity, "\(res.text)")
                    if !page {
                        #expect(res.errorBody?.error.field == "orgID")
                        #expect(res.errorBody?.error.message.contains("不能修改单位自行提交的报告") == true, "\(res.text)")
                    } else {
                        #expect(res.text.contains("不能修改单位自行提交的报告"))
                    }
                }
            }
            let kept = try #require(try await DutyReport.query(on: app.db).filter(\.$org.$id == market.id!).filter(\.$year == year).first())
            #expect(kept.title == "本局自行提交" && kept.text == "本局的正文" && !kept.enteredByOffice)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entityType == "dutyReport").count() == audits)

            // A paper report for an agency that has not submitted: entered, corrected by the office, then replaced by the agency's own.
            for title in ["纸质报告", "纸质报告（更正）"] {
                try await Self.submit(office, Submission(orgID: police.id!.uuidString, year: String(year), title: title, text: "纸质")) { res in
                    #expect(res.status == .created, "\(res.text)")
                }
            }
            let paper = try #require(try await DutyReport.query(on: app.db).filter(\.$org.$id == police.id!).filter(\.$year == year).first())
            #expect(paper.enteredByOffice && paper.title == "纸质报告（更正）")
            let replaced = try await Self.submitted(app, police, year: year, by: .agency)
            #expect(replaced.id == paper.id && !replaced.enteredByOffice)
            await #expect(throws: FieldError.self) { _ = try await Self.submitted(app, police, year: year, by: .office) }
        }
    }

    @Test("Reviews of one report at once (on different days, so no row of the books collides): one is stored, the others refused, one row in the books",
          arguments: TestDatabase.all)
    func concurrentReviews(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let market = try await app.org(code: "120102-AG-SJ")
            let office = try #require(market.$parent.id)
            let report = try await Self.submitted(app, market, year: 2023)
            let reviewed = try await withThrowingTaskGroup(of: Int?.self) { group in
                for score in 80..<90 {
                    group.addTask {
                        do {
                            try await DutyReports.review(try DutyReportRules.review(score: String(score), comments: "同时评议"), of: report.id!,
                                                         office: office, on: CivilDate(year: 2024, month: 1, day: score - 70)!, actor: .system,
                                                         on: app.db)
                            return score
                        } catch let error as FieldError {
                            #expect(error.field == "score")
                            return nil
                        }
                    }
                }
                return try await group.compactMap { $0 }.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(reviewed.count == 1)
            let stored = try #require(try await DutyReport.find(report.id, on: app.db))
            #expect(stored.score == reviewed.first)
            #expect(try await LedgerEntry.query(on: app.db).filter(\.$kind == "publicity.dutyReport").filter(\.$occurredOn >= "2024-01-10")
                .filter(\.$occurredOn <= "2024-01-19").count() == 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entityID == report.id!.uuidString).filter(\.$action == "review").count() == 1)
        }
    }

    @Test("The review rows stored before the year joined their key get the new key, so an old export imported again adds nothing",
          arguments: TestDatabase.all)
    func storedReviewKeysGainTheYear(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let kind = PublicityBooks.dutyReports
            let row = ["occurredOn": "2023-12-10", "title": "河东区市场监督管理局", "score": "90", "comments": "纸质评议"]
            #expect(try await LedgerFixtures.importRows(app, kind, [row]).added == 1)
            // As the row was keyed before: the day and the agency.
            let entry = try #require(try await LedgerEntry.query(on: app.db).filter(\.$kind == kind.code).first())
            entry.naturalKey = SheetValidator.key(entry.values, ["occurredOn", "title"])
            try await entry.update(on: app.db)
            try await AddYearToDutyReviewKeys().prepare(on: app.db)
            #expect(try await LedgerEntry.find(entry.id, on: app.db)?.naturalKey == kind.naturalKey(of: entry.values))
            #expect(try await LedgerFixtures.importRows(app, kind, [row]).added == 0)
            #expect(try await LedgerEntry.query(on: app.db).filter(\.$kind == kind.code).count() == 1)
        }
    }
}
