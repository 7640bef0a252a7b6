import Fluent
import FazhiCore
import Vapor

/// Proofs of service of a case's documents (送达回证): listed and recorded through the API, the same records the case's
/// documents page shows and writes.
extension CaseAPI {
    /// A proof of service as submitted: the document (one of the case's issued versions), the recipient, how and when.
    struct ServiceInput: Content {
        var instrumentID: String?
        var recipientRole: String?
        var recipientName: String?
        var method: String?
        var sentOn: String?
        var servedOn: String?
        var trackingNumber: String?
        var note: String?
    }

    func registerServices(_ cases: RoutesBuilder) {
        cases.get(":id", "services", use: listServices).openAPI("本案文书的送达记录（送达回证）", tag: path,
                                                                responses: [200: "成功", 404: "不存在或不在范围内"])
        cases.post(":id", "services", use: recordService).openAPI(
            "登记送达：{\"instrumentID\",\"recipientRole\",\"recipientName\",\"method\",\"servedOn\",…}；"
                + "送达日期即自收到之日起计算的期限的起点（如被申请人答复期限）", tag: path,
            body: ["type": "object", "required": ["instrumentID", "recipientRole", "recipientName", "method", "servedOn"], "properties": [
                "instrumentID": ["type": "string", "format": "uuid"],
                "recipientRole": ["type": "string", "maxLength": 40],
                "recipientName": ["type": "string", "maxLength": 200],
                "method": ["type": "string", "enum": ServiceMethod.allCases.map(\.rawValue)],
                "sentOn": ["type": "string", "format": "date"],
                "servedOn": ["type": "string", "format": "date"],
                "trackingNumber": ["type": "string", "maxLength": 40],
                "note": ["type": "string", "maxLength": DocumentService.noteLimit],
            ] as [String: Any]],
            responses: [201: "已登记", 404: "不存在或不在范围内", 409: "案件已被他人修改", 422: "输入有误（field 指明字段）"])
    }

    @Sendable func listServices(_ req: Request) async throws -> [ServiceBody] {
        let record = try await req.scope.findCase(line, req.parameters.get("id", as: UUID.self), on: req.db)
        return try await ServiceRecord.query(on: req.db).filter(\.$caseID == record.id!).sort(\.$servedOn).sort(\.$recordedAt).all()
            .map(ServiceBody.init)
    }

    @Sendable func recordService(_ req: Request) async throws -> Response {
        let (current, record) = try await actingOn(req)
        let service = try await recordService(req, input: try req.content.decode(ServiceInput.self), current: current, record: record)
        let response = Response(status: .created)
        try response.content.encode(ServiceBody(service))
        return response
    }

    /// Records the proof of service in `input` on `record`.
    func recordService(_ req: Request, input: ServiceInput, current: CurrentSession, record: CaseRecord) async throws -> ServiceRecord {
        var errors = ValidationErrors()
        let instrument = try await UUID(uuidString: input.instrumentID ?? "").asyncMap { id in
            try await InstrumentRecord.query(on: req.db).filter(\.$id == id).filter(\.$caseRecord.$id == record.id!).first()
        }
        if instrument == nil { errors.add("instrumentID", "请选择本案已制作的文书") }
        let method = ServiceMethod(rawValue: input.method ?? "")
        if method == nil {
            errors.add("method", "送达方式须为：" + ServiceMethod.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))
        }
        let servedOn = CivilDate(string: input.servedOn ?? "")
        if servedOn == nil { errors.add("servedOn", "送达日期须为 yyyy-MM-dd 格式的日期") }
        let sentText = input.sentOn ?? ""
        let sentOn = CivilDate(string: sentText)
        if !sentText.isEmpty, sentOn == nil { errors.add("sentOn", "发出日期须为 yyyy-MM-dd 格式的日期") }
        try errors.throwIfAny()
        let service = DocumentService(recipientRole: input.recipientRole ?? "", recipientName: input.recipientName ?? "",
                                      method: method!, sentOn: sentOn, servedOn: servedOn!,
                                      trackingNumber: input.trackingNumber?.trimmingCharacters(in: .whitespaces),
                                      note: input.note?.trimmingCharacters(in: .whitespacesAndNewlines))
        return try await ServiceRecorder<Rules>(db: req.db, calendar: try await req.calendarStore.calendar(), actor: current.actor)
            .record(service, of: instrument!, on: record, today: ChinaTime.today)
    }
}
