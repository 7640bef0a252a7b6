import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Enforcement supervision: the double plan, the trainings and the inspections imported from spreadsheets")
struct EnforcementPlanImportTests {
    struct Upload: Content {
        var file: File
        var _csrf: String?
    }

    static func upload(_ client: TestClient, _ csv: String, page: Bool = false, to segment: String = "plan",
                       _ check: (TestingHTTPResponse) async throws -> Void) async throws {
        try await client.app.testing().test(.POST, page ? "/enforcement/\(segment)/import" : "/api/v1/enforcement/\(segment)/import",
                                            headers: page ? client.cookie : client.bearer, beforeRequest: { req in
            try req.content.encode(Upload(file: File(data: ByteBuffer(string: csv), filename: "计划.csv"), _csrf: page ? client.csrf : nil),
                                   as: .formData)
        }, afterResponse: check)
    }

    static let header = "计划年度,计划类别,行政执法机关,主题,月份,计划场次\n"

    @Test("Every row through the plan's own check, all or nothing, each problem naming its row and column; again adds nothing",
          arguments: TestDatabase.all)
    func importPlan(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let office = try await TestClient.api(app, "zhifa")
            try await Self.upload(office, Self.header + """
                2024,培训计划,河东区市场监督管理局,行政处罚程序,3,2
                2024,其他计划,河东区市场监督管理局,行政检查,13,1
                2024,监督计划,某不存在的局,执法案卷评查,5,1
                """) { res in
                #expect(res.status == .unprocessableEntity)
                let message = res.errorBody?.error.message ?? ""
                #expect(res.errorBody?.error.field == "file")
                #expect(message.contains("第3行「计划类别」"), "\(message)")
                #expect(message.contains("第4行「行政执法机关」"), "\(message)")
            }
            try await Self.upload(office, Self.header + "2024,培训计划,河东区市场监督管理局,行政处罚程序,13,2\n") { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.message.contains("第2行「月份」") == true, "\(res.text)")
            }
            try await Self.upload(office, "计划年度,计划类别,行政执法机关,主题,计划场次\n2024,培训计划,河东区市场监督管理局,行政处罚程序,2\n") { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.message.contains("「月份」：缺少必填列") == true, "\(res.text)")
            }
            #expect(try await EnforcementPlanLine.query(on: app.db).filter(\.$year == 2024).count() == 0)

            let sheet = Self.header + """
                2024,培训计划,河东区市场监督管理局,行政处罚程序,3,2
                2024,监督计划,河东区市场监督管理局,执法案卷评查,5,1
                2024,监督计划,天津市公安局河东分局,执法案卷评查,6,1
                """
            try await Self.upload(office, sheet) { res in
                #expect(res.status == .created, "\(res.text)")
                let summary = try res.content.decode(EnforcementSheet.Summary.self)
                #expect(summary.imported == 3 && summary.skipped == 0)
            }
            try await office.get("/api/v1/enforcement/plan?year=2024") { res in
                let progress = try res.content.decode(EnforcementQueries.Progress.self)
                #expect(progress.lines.map(\.topic).sorted() == ["执法案卷评查", "执法案卷评查", "行政处罚程序"])
                #expect(progress.lines.map(\.planned).reduce(0, +) == 4)
            }
            // Again, through the page: nothing added, the three skipped.
            try await Self.upload(office, sheet, page: true) { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("已导入 0 条计划条目；已有而跳过 3 条"))
            }
            #expect(try await EnforcementPlanLine.query(on: app.db).filter(\.$year == 2024).count() == 3)
            // A line twice in one file is a problem of the file.
            try await Self.upload(office, Self.header + "2024,培训计划,河东区民政局,执法文书,4,1\n2024,培训计划,河东区民政局,执法文书,4,1\n") { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.message.contains("第3行") == true, "\(res.text)")
            }
            // The agency's officer does not set the plan.
            try await Self.upload(try await TestClient.api(app, "zhifa-shijian"), sheet) { res in #expect(res.status == .forbidden) }
        }
    }

    @Test("Trainings: the rows of one day and topic are one training, matched to its plan line by name; all or nothing; again adds nothing",
          arguments: TestDatabase.all)
    func importTrainings(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let office = try await TestClient.api(app, "zhifa")
            try await Self.upload(office, Self.header + "2024,培训计划,河东区市场监督管理局,行政处罚程序规范,3,1\n") { res in
                #expect(res.status == .created, "\(res.text)")
            }
            let header = "培训日期,培训主题,行政执法机关,参训人数,对应计划\n"
            // Problems of the file: an unknown agency, a plan line that is not the year's, an agency twice in one training
            // and no attendees (the training's own check, its row and column named); nothing written.
            try await Self.upload(office, header + """
                2024-03-12,行政处罚程序规范,某不存在的局,30,
                2024-04-01,执法文书制作,河东区民政局,10,4月 河东区民政局 执法文书制作
                """, to: "trainings") { res in
                #expect(res.status == .unprocessableEntity)
                let message = res.errorBody?.error.message ?? ""
                #expect(message.contains("第2行「行政执法机关」") && message.contains("第3行「对应计划」"), "\(message)")
            }
            try await Self.upload(office, header + """
                2024-03-12,行政处罚程序规范,河东区市场监督管理局,30,
                2024-03-12,行政处罚程序规范,河东区市场监督管理局,0,
                """, to: "trainings") { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.message.contains("第3行「") == true, "\(res.text)")
            }
            #expect(try await EnforcementTraining.query(on: app.db).filter(\.$heldOn >= "2024-01-01").filter(\.$heldOn <= "2024-12-31").count() == 0)

            let sheet = header + """
                2024-03-12,行政处罚程序规范,河东区市场监督管理局,30,3月 河东区市场监督管理局 行政处罚程序规范
                2024-03-12,行政处罚程序规范,天津市公安局河东分局,20,
                2024-06-01,执法文书制作,河东区民政局,15,
                """
            try await Self.upload(office, sheet, to: "trainings") { res in
                #expect(res.status == .created, "\(res.text)")
                let summary = try res.content.decode(EnforcementSheet.Summary.self)
                #expect(summary.imported == 2 && summary.skipped == 0)
            }
            try await office.get("/api/v1/enforcement/trainings?year=2024") { res in
                let list = try res.content.decode(EnforcementQueries.TrainingList.self)
                #expect(list.total == 2)
                let first = try #require(list.trainings.first { $0.topic == "行政处罚程序规范" })
                #expect(first.attendees == 50 && first.agencies == 2 && first.planLineID != nil)
                #expect(list.trainings.first { $0.topic == "执法文书制作" }?.planLineID == nil)
            }
            try await office.get("/api/v1/enforcement/plan?year=2024") { res in
                let progress = try res.content.decode(EnforcementQueries.Progress.self)
                #expect(progress.lines.map(\.held) == [1])
            }
            try await Self.upload(office, sheet, page: true, to: "trainings") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("已导入 0 条培训；已有而跳过 2 条"))
            }
            try await Self.upload(try await TestClient.api(app, "zhifa-shijian"), sheet, to: "trainings") { res in #expect(res.status == .forbidden) }
        }
    }

    @Test("Inspections: the rows of one day and topic are one inspection, its findings with their notices, supervisors by name; all or nothing",
          arguments: TestDatabase.all)
    func importInspections(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let office = try await TestClient.api(app, "zhifa")
            try await Self.upload(office, Self.header + "2024,监督计划,河东区市场监督管理局,执法案卷评查,5,1\n") { res in
                #expect(res.status == .created, "\(res.text)")
            }
            try await office.send(.POST, "/api/v1/registers/\(EnforcementWork.supervisorKind)/entries", json: BookAPI.EntryInput(
                orgID: nil, values: ["name": "周企业", "company": "天津河东某某商贸有限公司", "activeFrom": "2023-01-01"])) { res in
                #expect(res.status == .created, "\(res.text)")
            }
            let header = "检查日期,检查主题,监督类别,被监督机关,评查案卷数,参加人员,企业家监督员,对应计划,问题类别,问题描述,整改期限\n"
            // An unknown supervisor, and a finding too short for the inspection's own check: rows and columns named.
            try await Self.upload(office, header + """
                2024-05-06,行政处罚案卷专项评查,专项监督,河东区市场监督管理局,12,监督科,,,执法程序,短,
                2024-09-10,联合执法检查,联合监督,河东区民政局,3,监督科,吴无名,,,,
                """, to: "inspections") { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.message.contains("第3行「企业家监督员」") == true, "\(res.text)")
            }
            try await Self.upload(office, header + "2024-05-06,行政处罚案卷专项评查,专项监督,河东区市场监督管理局,12,监督科,,,执法程序,短,\n",
                                  to: "inspections") { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.message.contains("第2行「问题描述」") == true, "\(res.text)")
            }
            #expect(try await EnforcementInspection.query(on: app.db).filter(\.$heldOn >= "2024-01-01").filter(\.$heldOn <= "2024-12-31").count() == 0)

            let sheet = header + """
                2024-05-06,行政处罚案卷专项评查,专项监督,河东区市场监督管理局,12,监督科 张某,,5月 河东区市场监督管理局 执法案卷评查,执法程序,未告知当事人陈述申辩权利,
                2024-05-06,行政处罚案卷专项评查,,河东区市场监督管理局,,,,,执法文书制作,送达回证缺失未补正,2024-06-28
                2024-05-06,行政处罚案卷专项评查,,天津市公安局河东分局,8,,,,,,
                2024-09-10,联合执法检查,联合监督,河东区民政局,3,监督科,周企业,,,,
                """
            try await Self.upload(office, sheet, to: "inspections") { res in
                #expect(res.status == .created, "\(res.text)")
                let summary = try res.content.decode(EnforcementSheet.Summary.self)
                #expect(summary.imported == 2 && summary.skipped == 0)
            }
            let special = try #require(try await EnforcementInspection.query(on: app.db).filter(\.$topic == "行政处罚案卷专项评查").first())
            #expect(special.kind == InspectionKind.special.rawValue && special.filesReviewed == 20 && special.planLineID != nil)
            let findings = try await EnforcementFinding.query(on: app.db).filter(\.$inspectionID == special.id!).all()
            #expect(findings.count == 2)
            #expect(findings.allSatisfy { $0.noticeNumber.hasPrefix("执法监督整改〔2024〕") })
            #expect(findings.contains { $0.dueOn == "2024-06-28" })
            let joint = try #require(try await EnforcementInspection.query(on: app.db).filter(\.$topic == "联合执法检查").first())
            #expect(joint.kind == InspectionKind.joint.rawValue)
            try await office.get("/api/v1/enforcement/inspections/\(joint.id!)") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("周企业"))
            }
            try await Self.upload(office, sheet, page: true, to: "inspections") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("已导入 0 条监督检查；已有而跳过 2 条"))
            }
            try await Self.upload(try await TestClient.api(app, "zhifa-shijian"), sheet, to: "inspections") { res in #expect(res.status == .forbidden) }
        }
    }

    @Test("The inspections sheet imported again adds nothing: every inspection, finding and notice counted once, every row reported as already stored",
          arguments: TestDatabase.all)
    func inspectionsAgain(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let office = try await TestClient.api(app, "zhifa")
            let header = "检查日期,检查主题,监督类别,被监督机关,评查案卷数,参加人员,企业家监督员,对应计划,问题类别,问题描述,整改期限\n"
            let sheet = header + """
                2024-05-06,行政处罚案卷专项评查,专项监督,河东区市场监督管理局,12,监督科 张某,,,执法程序,未告知当事人陈述申辩权利,
                2024-05-06,行政处罚案卷专项评查,,河东区市场监督管理局,,,,,执法文书制作,送达回证缺失未补正,2024-06-28
                2024-05-06,行政处罚案卷专项评查,,天津市公安局河东分局,8,,,,,,
                2024-09-10,行政检查专项监督,专项监督,河东区民政局,3,监督科,,,,,
                """
            func counts() async throws -> [Int] {
                [try await EnforcementInspection.query(on: app.db).count(), try await EnforcementFinding.query(on: app.db).count(),
                 try await AuditEntry.query(on: app.db).count()]
            }
            let before = try await counts()
            try await Self.upload(office, sheet, to: "inspections") { res in
                #expect(res.status == .created, "\(res.text)")
                let summary = try res.content.decode(EnforcementSheet.Summary.self)
                #expect(summary.imported == 2 && summary.skipped == 0 && summary.skippedRows == 0)
            }
            let once = try await counts()
            #expect(once[0] == before[0] + 2 && once[1] == before[1] + 2)
            try await Self.upload(office, sheet, to: "inspections") { res in
                #expect(res.status == .created, "\(res.text)")
                let summary = try res.content.decode(EnforcementSheet.Summary.self)
                #expect(summary.imported == 0 && summary.skipped == 2 && summary.skippedRows == 4)
            }
            #expect(try await counts() == once)
        }
    }
}
