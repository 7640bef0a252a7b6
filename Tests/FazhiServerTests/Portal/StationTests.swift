import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Service stations measured: checklist, visits rated by link, ratings of matters, the ranking with its gaps")
struct StationTests {
    @Test("Station staff check the checklist and record a visit; the resident rates it once by its link; the bureau's ranking names the gaps",
          arguments: TestDatabase.all)
    func visitRatedAndRanked(_ database: TestDatabase) async throws {
        try await PortalTests.withPortal(database) { app, _ in
            let station = try await app.org(code: "120102-FW06")
            let other = try await app.org(code: "120102-FW01")
            let staff = try await TestClient.api(app, "chunhua")
            // Four of the seven items met: the other three are the gaps.
            let items = try await StationChecklist.items(on: app.db)
            #expect(items.count == 7)
            var form = ["checkedOn": ChinaTime.today.description]
            for item in items where ["开放时间公示", "服务事项清单公示", "统一标识标牌"].contains(item.label) || item.label.hasPrefix("人员配备") {
                form["met-\(item.checkKey)"] = "on"
            }
            #expect(form.count == 5)
            try await staff.postForm("/stations/\(station.id!)/checks", form) { res in
                #expect(res.status == .seeOther, "\(res.body.string)")
            }
            try await staff.postForm("/stations/\(station.id!)/visits", ["service": "consultation", "visitedOn": ChinaTime.today.description,
                                                                        "waitedMinutes": "abc"]) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("等候时间须为0至600之间的整数"))
            }
            var link = ""
            try await staff.postForm("/stations/\(station.id!)/visits", ["service": "consultation", "visitedOn": ChinaTime.today.description,
                                                                        "waitedMinutes": "12"]) { res in
                #expect(res.status == .created)
                let page = res.body.string
                let start = try #require(page.range(of: "/portal/rate/"))
                link = String(page[start.lowerBound...].prefix { $0 != "<" })
            }
            // A station outside the staff's street is not theirs to see.
            try await staff.getPage("/stations/\(other.id!)") { res in #expect(res.status == .notFound) }
            try await staff.postForm("/stations/\(other.id!)/visits", ["service": "consultation", "visitedOn": ChinaTime.today.description,
                                                                      "waitedMinutes": "1"]) { res in #expect(res.status == .notFound) }
            let viewer = try await TestClient.api(app, "viewer")
            try await viewer.postForm("/stations/\(station.id!)/visits", ["service": "consultation", "visitedOn": ChinaTime.today.description,
                                                                         "waitedMinutes": "1"]) { res in #expect(res.status == .forbidden) }

            // The resident, without an account, rates the visit: a score is required, then once only.
            try await app.testing().test(.GET, link) { res in #expect(res.status == .ok) }
            try await app.testing().test(.POST, link, beforeRequest: { try $0.content.encode(["comment": "很好"], as: .urlEncodedForm) },
                                         afterResponse: { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("请选择1至5分"))
            })
            try await app.testing().test(.POST, link, beforeRequest: {
                try $0.content.encode(["score": "3", "comment": "<b>等候时间有点长</b>"], as: .urlEncodedForm)
            }, afterResponse: { res in #expect(res.status == .ok) })
            try await app.testing().test(.POST, link, beforeRequest: { try $0.content.encode(["score": "5"], as: .urlEncodedForm) },
                                         afterResponse: { res in #expect(res.status == .conflict) })
            try await app.testing().test(.GET, "/portal/rate/not-a-token") { res in #expect(res.status == .notFound) }
            #expect(try await ServiceRating.query(on: app.db).filter(\.$stationID == station.id!).count() == 1)

            let leader = try await TestClient.api(app, "leader")
            try await leader.getPage("/stations") { res in
                #expect(res.status == .ok)
                let page = res.body.string
                #expect(page.contains(station.name) && page.contains(other.name))
                #expect(page.contains("4/7"))
                #expect(page.contains("无障碍设施"))
                #expect(page.contains("群众评价偏低（3分）"))
            }
            try await leader.getPage("/stations/ratings") { res in
                #expect(res.body.string.contains("&lt;b&gt;等候时间有点长&lt;/b&gt;"))
            }
            let findings = try await StationPages.finding(ReportQuery(db: app.db, year: ChinaTime.today.year, orgIDs: nil))
            let sentence = try #require(findings.first)
            #expect(sentence.contains("个公共法律服务站点中"))
            #expect(sentence.contains("\(station.name)为3分"))
        }
    }

    @Test("The admin keeps the checklist as a choice list: an item added counts as a gap until checked, a renamed item keeps its checks, a retired one no longer counts",
          arguments: TestDatabase.all)
    func checklistKeptByAdmin(_ database: TestDatabase) async throws {
        try await PortalTests.withPortal(database) { app, _ in
            let station = try await app.org(code: "120102-FW06")
            let staff = try await TestClient.api(app, "chunhua")
            let items = try await StationChecklist.items(on: app.db)
            var form = ["checkedOn": ChinaTime.today.description]
            for item in items { form["met-\(item.checkKey)"] = "on" }
            try await staff.postForm("/stations/\(station.id!)/checks", form) { res in #expect(res.status == .seeOther) }
            let path = "/lists/\(StationChecklist.list.code)"
            // Station staff read the list; only the admin changes it.
            try await staff.getPage(path) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("统一标识标牌"))
            }
            try await staff.postForm(path, ["label": "法律援助便民窗口"]) { res in #expect(res.status == .forbidden) }
            let admin = try await TestClient.api(app, "admin")
            try await admin.postForm(path, ["label": ""]) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("名称不能为空"))
            }
            try await admin.postForm(path, ["label": "法律援助便民窗口"]) { res in #expect(res.status == .seeOther) }
            let signage = try #require(items.first { $0.label == "统一标识标牌" })
            try await admin.postForm("\(path)/\(signage.id!)", ["label": "统一标识标牌（含夜间标识）"]) { res in #expect(res.status == .seeOther) }
            let hours = try #require(items.first { $0.label == "开放时间公示" })
            try await admin.postForm("\(path)/\(hours.id!)", ["active": "false"]) { res in #expect(res.status == .seeOther) }

            // 7 − 1 retired + 1 new: the renamed item is still met, the new one is the gap.
            let standing = try #require(try await Stations.standings([station], year: ChinaTime.today.year, on: app.db).first)
            #expect(standing.items == 7)
            #expect(standing.met == 6)
            #expect(standing.gaps == ["法律援助便民窗口"])
            try await staff.getPage("/stations/\(station.id!)") { res in
                let page = res.body.string
                #expect(page.contains("统一标识标牌（含夜间标识）"))
                #expect(!page.contains("开放时间公示"))
            }
        }
    }

    @Test("A concluded matter is rated once by its applicant, under its line and handler", arguments: TestDatabase.all)
    func matterRated(_ database: TestDatabase) async throws {
        try await PortalTests.withPortal(database) { app, messages in
            let resident = try await PortalBrowser.signIn(app, phone: "13900009999", messages: messages)
            try await resident.completeProfile()
            let submitted = try await resident.submitReconsideration()
            let draftID = submitted.id!.uuidString
            let caseID = try #require(submitted.caseID)
            // Still open: no rating yet.
            try await resident.post("/portal/matters/\(draftID)/rating", ["score": "5"]) { res in #expect(res.status == .conflict) }
            let officer = try await TestClient.api(app, "fuyi")
            try await officer.event(caseID, ["kind": .string("reject"), "date": .string(ChinaTime.today.description),
                                             "reason": .string("不属于行政复议范围"), "version": .int(1)])
            try await resident.get("/portal/matters/\(draftID)") { res in #expect(res.body.string.contains("提交评价")) }
            try await resident.post("/portal/matters/\(draftID)/rating", ["score": "4", "comment": "答复及时"]) { res in
                #expect(res.status == .seeOther)
            }
            try await resident.post("/portal/matters/\(draftID)/rating", ["score": "1"]) { res in #expect(res.status == .conflict) }
            let rating = try #require(try await ServiceRating.query(on: app.db).filter(\.$subject == "matter").first())
            #expect(rating.score == 4)
            #expect(rating.line == WorkLine.reconsideration.rawValue)
            try await resident.get("/portal/matters/\(draftID)") { res in #expect(res.body.string.contains("您已评价：4分")) }
        }
    }
}
