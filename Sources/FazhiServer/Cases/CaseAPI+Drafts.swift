import Fluent
import FazhiCore
import FazhiOffice
import Vapor

/// The sections an officer writes for a case's documents (`InstrumentTemplate.sections`): read and saved as versioned
/// drafts through the API, the same drafts the case's draft page edits.
extension CaseAPI {
    struct DraftInput: Content {
        let sections: [String: String]?
    }

    /// A writable document of the case in the request (`:id`, `:kind`), for one who acts on it.
    struct Writable {
        let record: CaseRecord
        let template: InstrumentTemplate<Rules.Dossier>
        let current: CurrentSession
    }

    func registerDrafts(_ cases: RoutesBuilder) {
        cases.get(":id", "instruments", ":kind", "draft", use: showDraft).openAPI(
            "文书草稿：承办人撰写的部分（如经审理查明、本机关认为），最新版本及尚未填写的必填部分", tag: path,
            responses: [200: "成功", 404: "不存在或不在范围内", 422: "该文书没有需撰写的部分"])
        cases.put(":id", "instruments", ":kind", "draft", use: saveDraft).openAPI(
            "保存文书草稿：{\"sections\": {\"facts\": \"…\"}}；每次保存为新版本，旧版本保留", tag: path,
            body: ["type": "object", "required": ["sections"], "properties": [
                "sections": ["type": "object", "additionalProperties": ["type": "string", "maxLength": InstrumentSection.maxLength]],
            ] as [String: Any]],
            responses: [200: "已保存", 422: "输入有误（field 指明部分）"])
    }

    func writable(_ req: Request) async throws -> Writable {
        let (current, record) = try await actingOn(req)
        let kind = req.parameters.get("kind")
        guard let template = instruments.first(where: { $0.kind == kind && !$0.sections.isEmpty }) else {
            let writable = instruments.filter { !$0.sections.isEmpty }.map { "\($0.kind)（\($0.title)）" }.joined(separator: "、")
            throw FieldError(field: "kind", message: "需要撰写的文书种类为：\(writable)")
        }
        return Writable(record: record, template: template, current: current)
    }

    @Sendable func showDraft(_ req: Request) async throws -> InstrumentDraftBody {
        let writable = try await writable(req)
        let draft = try await InstrumentDraft.latest(caseID: writable.record.id!, kind: writable.template.kind, on: req.db)
        return InstrumentDraftBody(kind: writable.template.kind, draft: draft, declared: writable.template.sections)
    }

    @Sendable func saveDraft(_ req: Request) async throws -> InstrumentDraftBody {
        let writable = try await writable(req)
        guard let sections = try req.content.decode(DraftInput.self).sections else {
            throw FieldError(field: "sections", message: "请提交各部分的内容（sections）")
        }
        let draft = try await InstrumentDraft.save(sections, declared: writable.template.sections, kind: writable.template.kind,
                                                   for: writable.record, actor: writable.current.actor, on: req.db)
        return InstrumentDraftBody(kind: writable.template.kind, draft: draft, declared: writable.template.sections)
    }

    /// The document as it would be generated now from the latest draft, for the draft page's preview.
    func preview(_ req: Request, _ writable: Writable, sections: [String: String]) async throws -> OfficialDocument {
        let (issuer, dossier, fields) = try await documentInputs(req, record: writable.record, actor: writable.current.actor)
        return writable.template.document(try await issuer.context(for: writable.record, dossier: dossier, fields: fields,
                                                                   sections: sections, today: ChinaTime.today))
    }
}
