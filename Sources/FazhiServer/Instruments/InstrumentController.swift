import Fluent
import FazhiCore
import Vapor

/// Downloading an archived document: the .docx as issued, or its printable HTML. Scoped through its case; a document
/// carries the parties' particulars (names, ID numbers, addresses), so only those who may reveal them — who may act on
/// the case — download it, and each download is audited like a reveal (PIPL: sensitive personal information).
enum InstrumentController {
    static func staffRoutes(_ routes: RoutesBuilder) {
        routes.get("instruments", ":file", use: download)
    }

    static func download(_ req: Request) async throws -> Response {
        let scope = try req.scope
        guard let name = req.parameters.get("file") else { throw Abort(.notFound) }
        let isDocx = name.hasSuffix(".docx")
        guard let id = UUID(uuidString: isDocx ? String(name.dropLast(5)) : name),
              let instrument = try await InstrumentRecord.find(id, on: req.db) else { throw Abort(.notFound) }
        let record = try await scope.findCase(instrument.line, instrument.$caseRecord.id, on: req.db)
        try scope.requireAct(on: record)
        try await AuditLog.record(on: req.db, actor: try req.requireCurrent().actor, action: "download", entityType: "instrument",
                                  entityID: instrument.id!.uuidString, before: nil,
                                  after: ["case": record.id!.uuidString, "format": isDocx ? "docx" : "html"])
        if isDocx {
            var headers = HTTPHeaders()
            headers.add(name: .contentType, value: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            let filename = "\(instrument.number)-\(instrument.title)-v\(instrument.version).docx"
            let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "instrument.docx"
            headers.add(name: .contentDisposition, value: "attachment; filename=\"instrument.docx\"; filename*=UTF-8''\(encoded)")
            return Response(status: .ok, headers: headers, body: .init(data: instrument.docx))
        }
        return Response.html(instrument.html)
    }
}

/// The documents section of a case page: what was issued (with versions), and a form to issue one.
enum InstrumentViews {
    /// The case's documents by version, what its state calls for that is not yet issued or served, and the form to
    /// issue one; the documents page (`CasePages+Documents`) has every version's proofs of service.
    static func list(_ instruments: [InstrumentRecord], caseID: UUID, base: String, kinds: [(String, String)], unissued: [String], unserved: [String],
                     writable: [(kind: String, title: String)], csrf: String) -> Markup {
        el("section", .class("card")) {
            el("h2") { "文书" }
            dataTable(headers: ["文书", "版本", "制作", "下载"], rows: instruments.map { instrument in
                [.text(instrument.title + (instrument.superseded ? "（已被新版本取代）" : "")), .text("第\(instrument.version)版"),
                 .text("\(instrument.issuedBy) \(TableDateFormat.format(instrument.issuedAt, withTime: true))"),
                 Markup.group {
                     el("a", .href("/instruments/\(instrument.id!).docx")) { "Word 文档" }
                     " · "
                     el("a", .href("/instruments/\(instrument.id!)"), Attribute("target", "_blank")) { "打印版" }
                 }]
            }, empty: "尚未制作文书")
            if !unissued.isEmpty {
                el("p", .class("alert info"), .id("unissued")) { "尚待制作：" + unissued.map { "《\($0)》" }.joined(separator: "、") }
            }
            if !unserved.isEmpty {
                el("p", .class("alert info"), .id("unserved")) { "尚待送达：" + unserved.joined(separator: "；") }
            }
            el("p") { el("a", .href("\(base)/\(caseID)/documents")) { "全部版本与送达记录，登记送达" } }
            if !writable.isEmpty {
                el("p") {
                    "需承办人撰写部分内容的文书："
                    for (index, document) in writable.enumerated() {
                        if index > 0 { "、" }
                        el("a", .href("\(base)/\(caseID)/drafts/\(document.kind)")) { "撰写《\(document.title)》" }
                    }
                }
            }
            if !kinds.isEmpty {
                el("form", Attribute("method", "post"), Attribute("action", "\(base)/\(caseID)/instruments"), .class("filters")) {
                    csrfField(csrf)
                    selectField("kind", label: "制作文书", options: kinds, state: FormState(), required: true)
                    submitButton("生成")
                }
            }
        }
    }
}
