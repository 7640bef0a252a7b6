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

            // The reviews are the ledger's entries the overview ranks, dated the day reviewed, at the office.
            let bureau = try await app.org(code: "120102")
            let entries = try await LedgerEntry.query(on: app.db).filter(\.$kind == "publicity.dutyReport")
                .filter(\.$occurredOn == ChinaTime.today.description).all()
            #expect(Set(entries.map(\.title)) == [police.name, "河东区市场监督管理局"])
            #expect(entries.allSatisfy { $0.$org.id == bureau.id! })
            let overview = try await PublicityLineTests.overview(office, "year=\(ChinaTime.today.year)")
            #expect(overview.ranking.prefix(2).map(\.score) == [95, 92])

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
}
