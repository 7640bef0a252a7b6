import Fluent
import FazhiCore
@testable import FazhiServer
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Ledgers and registers: files kept with an entry")
struct EntryAttachmentTests {
    struct Input: Content {
        var orgID: UUID?
        var values: [String: String]
    }

    static func attachments(_ client: TestClient, _ kind: any BookKind, _ entry: UUID) async throws -> [EntryAttachmentBody] {
        var list: [EntryAttachmentBody] = []
        try await client.get("/api/v1/ledgers/\(kind.code)/entries/\(entry)/attachments") { res in
            #expect(res.status == .ok, "\(res.text)")
            list = try res.content.decode([EntryAttachmentBody].self)
        }
        return list
    }

    @Test("An event's photos are kept with it: uploaded on its page and through the API, listed, downloaded as stored, removed with it",
          arguments: TestDatabase.all)
    func photos(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let kind = try #require(app.modules.bookKind("publicity.event"))
            #expect(kind.attachmentTypes == [.jpeg, .png])
            let chunhua = try await TestClient.api(app, "chunhua")
            var created: BookEntries.Listed?
            try await chunhua.send(.POST, "/api/v1/ledgers/\(kind.code)/entries",
                                   json: Input(values: ["occurredOn": "2024-12-04", "title": "宪法宣传周进社区", "type": "宪法宣传周", "quantity": "60"])) { res in
                #expect(res.status == .created, "\(res.text)")
                created = try res.content.decode(BookEntries.Listed.self)
            }
            let entry = try #require(created).id

            let photo = try await chunhua.attachPhoto(to: kind, entry: entry, filename: "现场.png")
            let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 7, count: 60)
            try await chunhua.upload(jpeg, filename: "合影.JPG", to: kind, entry: entry, page: true) { res in
                #expect(res.status == .seeOther, "\(res.text)")
                #expect(res.headers.first(name: .location) == "/ledgers/\(kind.code)/\(entry)#attachments")
            }
            var list = try await Self.attachments(chunhua, kind, entry)
            #expect(list.map(\.filename) == ["现场.png", "合影.JPG"])
            #expect(list.map(\.contentType) == ["image/png", "image/jpeg"])
            #expect(list.map(\.size) == [TestClient.photo.count, jpeg.count])
            let stored = try #require(list.first)
            #expect(stored.id == photo)
            for path in [stored.url, "/api/v1/ledgers/\(kind.code)/entries/\(entry)/attachments/\(photo)"] {
                try await chunhua.get(path) { res in
                    #expect(res.status == .ok)
                    #expect(res.headers.contentType?.description == "image/png")
                    #expect([UInt8](res.body.readableBytesView) == TestClient.photo)
                }
            }
            try await chunhua.getPage("/ledgers/\(kind.code)/\(entry)") { res in
                #expect(res.status == .ok)
                #expect(res.text.contains("宪法宣传周进社区"))
                #expect(res.text.contains("现场.png") && res.text.contains("合影.JPG"))
                #expect(res.text.contains("enctype=\"multipart/form-data\""))
            }
            // The list links every entry to its page.
            try await chunhua.getPage("/ledgers/\(kind.code)") { res in
                #expect(res.text.contains("/ledgers/\(kind.code)/\(entry)\""))
            }

            // Refused, naming the file and the rule, nothing stored: not a photo, a photo under a wrong name, a PDF, none,
            // past 20 MB (422) and past the route's body limit (413).
            let pdf = Array("%PDF-1.7\n".utf8)
            let refusals: [([UInt8], String, String)] = [
                (Array("MZ\u{90}\u{0}".utf8), "现场.png", "不是可接受的文件类型"),
                (TestClient.photo, "现场.jpg", "内容与扩展名不符"),
                (pdf, "方案.pdf", "JPG 或 PNG"),
                ([], "空.png", "请选择要上传的文件"),
                (TestClient.photo + Array(repeating: 0, count: Attachments.maxSize), "大.png", "不能超过20MB"),
            ]
            for (bytes, filename, message) in refusals {
                try await chunhua.upload(bytes, filename: filename, to: kind, entry: entry) { res in
                    #expect(res.status == .unprocessableEntity, "\(filename): \(res.status)")
                    #expect(res.errorBody?.error.field == "file")
                    #expect(res.errorBody?.error.message.contains(message) == true, "\(filename): \(res.text.prefix(300))")
                }
            }
            try await chunhua.upload(pdf, filename: "方案.pdf", to: kind, entry: entry, page: true) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("JPG 或 PNG"))
                #expect(res.text.contains("现场.png"))
            }
            try await chunhua.upload(Array(repeating: 0, count: 22 * 1024 * 1024), filename: "巨大.png", to: kind, entry: entry) { res in
                #expect(res.status == .payloadTooLarge)
            }
            // A kind that declares no files takes none.
            let activities = try #require(app.modules.bookKind("liaison.activity"))
            #expect(!activities.acceptsAttachments)
            var activity: UUID?
            try await chunhua.send(.POST, "/api/v1/ledgers/\(activities.code)/entries",
                                   json: Input(values: ["occurredOn": "2024-06-01", "liaison": "王明白", "title": "民法典进家庭宣讲"])) { res in
                #expect(res.status == .created, "\(res.text)")
                activity = try res.content.decode(BookEntries.Listed.self).id
            }
            try await chunhua.upload(TestClient.photo, filename: "现场.png", to: activities, entry: try #require(activity)) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorBody?.error.message.contains("不收附件") == true)
            }
            #expect(try await EntryAttachment.query(on: app.db).count() == 2)

            // Another station finds neither the entry nor its files; the viewer reads them but adds and removes none; a file
            // is found only under its own entry.
            let other = try await TestClient.api(app, "dawangzhuang")
            try await other.get("/api/v1/ledgers/\(kind.code)/entries/\(entry)/attachments") { res in #expect(res.status == .notFound) }
            try await other.get(stored.url) { res in #expect(res.status == .notFound) }
            try await other.upload(TestClient.photo, filename: "现场.png", to: kind, entry: entry) { res in #expect(res.status == .notFound) }
            let viewer = try await TestClient.api(app, "viewer")
            #expect(try await Self.attachments(viewer, kind, entry).count == 2)
            try await viewer.upload(TestClient.photo, filename: "现场.png", to: kind, entry: entry) { res in #expect(res.status == .forbidden) }
            try await app.testing().test(.DELETE, "/api/v1/ledgers/\(kind.code)/entries/\(entry)/attachments/\(photo)",
                                         headers: viewer.bearer) { res in #expect(res.status == .forbidden) }
            try await chunhua.get("/api/v1/ledgers/\(activities.code)/entries/\(try #require(activity))/attachments/\(photo)") { res in
                #expect(res.status == .notFound)
            }

            // Removed one by one (audited), and with the entry.
            try await app.testing().test(.DELETE, "/api/v1/ledgers/\(kind.code)/entries/\(entry)/attachments/\(photo)",
                                         headers: chunhua.bearer) { res in #expect(res.status == .noContent) }
            list = try await Self.attachments(chunhua, kind, entry)
            #expect(list.map(\.filename) == ["合影.JPG"])
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "attach").filter(\.$entityID == entry.uuidString).count() == 2)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "detach").filter(\.$entityID == entry.uuidString).count() == 1)
            try await app.testing().test(.DELETE, "/api/v1/ledgers/\(kind.code)/entries/\(entry)", headers: chunhua.bearer) { res in
                #expect(res.status == .noContent)
            }
            #expect(try await EntryAttachment.query(on: app.db).filter(\.$entryID == entry).count() == 0)
            let removal = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "delete")
                .filter(\.$entityID == entry.uuidString).first())
            #expect(removal.before.contains("合影.JPG"))
        }
    }
}

extension EntryAttachmentTests {
    static func event(_ client: TestClient, _ kind: any BookKind, title: String) async throws -> BookEntries.Listed {
        var created: BookEntries.Listed?
        try await client.send(.POST, "/api/v1/ledgers/\(kind.code)/entries",
                              json: Input(values: ["occurredOn": "2024-12-04", "title": title, "type": "宪法宣传周", "quantity": "60"])) { res in
            #expect(res.status == .created, "\(res.text)")
            created = try res.content.decode(BookEntries.Listed.self)
        }
        return try #require(created)
    }

    @Test("Uploads to one entry at once never pass the limit of files an entry (the entry's row locked on PostgreSQL)",
          arguments: TestDatabase.all)
    func concurrentUploads(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let kind = try #require(app.modules.bookKind("publicity.event"))
            let entry = try await Self.event(try await TestClient.api(app, "chunhua"), kind, title: "同时上传的照片")
            let photo = Data(TestClient.photo)
            for index in 0..<(EntryAttachments.maxPerEntry - 4) {
                _ = try await EntryAttachments.store(photo, filename: "\(index).png", type: .png, kind: kind, entry: entry.id, org: entry.orgID,
                                                     actor: .system, on: app.db)
            }
            // Ten at once where four fit: each counts the files stored after the one before it. (Not more: waiting their turn,
            // they hold the test pool's connections, and a slow machine running every suite at once times the last ones out.)
            let stored = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        do {
                            _ = try await EntryAttachments.store(photo, filename: "同时\(index).png", type: .png, kind: kind, entry: entry.id,
                                                                 org: entry.orgID, actor: .system, on: app.db)
                            return true
                        } catch let error as FieldError {
                            #expect(error.field == "file" && error.message.contains("最多保存\(EntryAttachments.maxPerEntry)个"))
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(stored == 4)
            #expect(try await EntryAttachment.query(on: app.db).filter(\.$entryID == entry.id).count() == EntryAttachments.maxPerEntry)
        }
    }

    @Test("Downloading an entry's file is audited (a photo can show people), on the page and through the API", arguments: TestDatabase.all)
    func downloadAudited(_ database: TestDatabase) async throws {
        try await withTestApp(database) { app in
            let kind = try #require(app.modules.bookKind("publicity.event"))
            let chunhua = try await TestClient.api(app, "chunhua")
            let entry = try await Self.event(chunhua, kind, title: "审计下载的照片")
            let photo = try await chunhua.attachPhoto(to: kind, entry: entry.id, filename: "现场.png")
            func downloads() async throws -> [AuditEntry] {
                try await AuditEntry.query(on: app.db).filter(\.$action == "download").filter(\.$entityID == entry.id.uuidString).all()
            }
            #expect(try await downloads().isEmpty)
            let page = EntryAttachments.path(family: kind.family.rawValue, kind: kind.code, entry: entry.id, attachment: photo)
            for path in [page, "/api/v1/ledgers/\(kind.code)/entries/\(entry.id)/attachments/\(photo)"] {
                try await chunhua.get(path) { res in #expect(res.status == .ok) }
            }
            let audited = try await downloads()
            #expect(audited.count == 2)
            #expect(audited.allSatisfy { $0.entityType == "ledgerEntry" && $0.actorName == "chunhua" && $0.after.contains(photo.uuidString) })
            // A file outside the scope is not found, and nothing is audited.
            try await TestClient.api(app, "pufa-shijian").get(page) { res in #expect(res.status == .notFound) }
            #expect(try await downloads().count == 2)
        }
    }
}
