import FazhiCore
import Fluent
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Evidence and attachments")
struct AttachmentTests {
    typealias Input = CaseAPI<ReconsiderationRules, ReconsiderationDetailBody>.AttachInput

    @Test("Files attach to a case, download within scope, and bad uploads name the field", arguments: TestDatabase.all)
    func attach(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let officer = try await TestClient.api(app, "fuyi")
            let registered = try await officer.register(try await registration(app))
            let path = "/api/v1/reconsideration/cases/\(registered.id)/attachments"
            let content = "行政处罚决定书（复印件）"
            var attached: AttachmentBody?
            try await app.testing().test(.POST, path, headers: officer.bearer, beforeRequest: { req in
                try req.content.encode(Input(file: File(data: ByteBuffer(string: content), filename: "处罚决定书.txt"), category: "证据"),
                                       as: .formData)
            }, afterResponse: { res in
                #expect(res.status == .created, "\(res.text)")
                attached = try res.content.decode(AttachmentBody.self)
            })
            let attachment = try #require(attached)
            #expect(attachment.size == content.utf8.count)
            #expect(attachment.filename == "处罚决定书.txt")
            try await officer.get(attachment.url) { res in
                #expect(res.status == .ok)
                #expect(res.text == content)
            }
            try await app.testing().test(.POST, path, headers: officer.bearer, beforeRequest: { req in
                try req.content.encode(Input(file: File(data: ByteBuffer(string: "x"), filename: "a.txt"), category: "随便"), as: .formData)
            }, afterResponse: { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.field == "category")
            })
            let station = try await TestClient.api(app, "chunhua")
            try await station.get(attachment.url) { res in #expect(res.status == .notFound) }
            try await officer.get(path) { res in
                let list = try res.content.decode([AttachmentBody].self)
                #expect(list.count == 1)
            }
        }
    }
}
