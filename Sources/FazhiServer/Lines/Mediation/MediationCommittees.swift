import Fluent
import FazhiCore
import Vapor

/// The register of committees (调委会): each one's profile — kind, founding day, dispute types covered, rooms — and its
/// mediators with their days of service; and the bureau's list of dispute types, which the admin extends. Every write
/// is checked field by field (a Chinese error naming the field, nothing written) and audited.
enum MediationCommittees {
    struct ProfileInput: Content {
        var kind: String?
        var foundedOn: String?
        var disputeTypes: [String]?
        var rooms: [String]?
    }

    struct MediatorInput: Content {
        var name: String?
        var phone: String?
        var activeFrom: String?
        var activeTo: String?
    }

    struct DisputeTypeInput: Content {
        var code: String?
        var label: String?
        var sectoral: Bool?
    }

    struct CommitteeBody: Content {
        let id: UUID
        let code: String
        let name: String
        let station: String
        let kind: String?
        let kindLabel: String?
        let foundedOn: String?
        let disputeTypes: [String]
        let rooms: [String]
        let mediators: [MediatorBody]
    }

    struct MediatorBody: Content {
        let id: UUID
        let name: String
        let activeFrom: String
        let activeTo: String?
        let serving: Bool
    }

    static let roomLimit = 20

    /// The committees the user reads, with their profiles and mediators.
    static func committees(_ scope: Scope, on db: Database, only id: UUID? = nil) async throws -> [CommitteeBody] {
        guard scope.canRead(.mediation) else { throw Abort(.forbidden, reason: "您没有查看人民调解的权限") }
        var query = Org.query(on: db).filter(\.$kind == .mediationCommittee).filter(\.$id ~~ Array(scope.readableOrgIDs(.mediation)))
        if let id { query = query.filter(\.$id == id) }
        let orgs = try await query.sort(\.$code).all()
        let ids = orgs.compactMap(\.id)
        let profiles = Dictionary(try await CommitteeProfile.query(on: db).filter(\.$org.$id ~~ ids).all().map { ($0.$org.id, $0) },
                                  uniquingKeysWith: { first, _ in first })
        let mediators = Dictionary(grouping: try await Mediator.query(on: db).filter(\.$committee.$id ~~ ids).sort(\.$name).all(),
                                   by: { $0.$committee.id })
        let parents = Dictionary(uniqueKeysWithValues: try await Org.query(on: db).filter(\.$id ~~ orgs.compactMap { $0.$parent.id }).all()
            .map { ($0.id!, $0.name) })
        let today = ChinaTime.today
        return orgs.map { org in
            let profile = profiles[org.id!]
            return CommitteeBody(
                id: org.id!, code: org.code, name: org.name, station: org.$parent.id.flatMap { parents[$0] } ?? "",
                kind: profile?.kind.rawValue, kindLabel: profile?.kind.label, foundedOn: profile?.foundedOn,
                disputeTypes: profile?.coveredTypes ?? [], rooms: profile?.roomList ?? [],
                mediators: (mediators[org.id!] ?? []).map {
                    MediatorBody(id: $0.id!, name: $0.name, activeFrom: $0.activeFrom, activeTo: $0.activeTo, serving: $0.serves(on: today))
                })
        }
    }

    /// The committee `id`, for one who acts in mediation there.
    static func committee(_ id: UUID?, scope: Scope, on db: Database) async throws -> Org {
        guard let id, let org = try await Org.find(id, on: db), org.kind == .mediationCommittee,
              scope.readableOrgIDs(.mediation).contains(id) else {
            throw Abort(.notFound, reason: "调委会不存在或不在您的范围内")
        }
        guard scope.canAct(.mediation, at: id) else { throw Abort(.forbidden, reason: "您不能修改该调委会的信息") }
        return org
    }

    static func saveProfile(_ input: ProfileInput, of committee: Org, actor: AuditActor, on db: Database) async throws {
        var errors = ValidationErrors()
        let kind = input.kind.flatMap(CommitteeKind.init(rawValue:))
        if kind == nil { errors.add("kind", "调委会类型须为：\(CommitteeKind.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))") }
        let founded = date(input.foundedOn, field: "foundedOn", label: "成立日期", errors: &errors)
        if let founded, founded > ChinaTime.today { errors.add("foundedOn", "成立日期不能晚于今天") }
        let known = Set(try await DisputeType.all(on: db).map(\.code))
        let types = Array(Set(input.disputeTypes ?? [])).sorted()
        if let unknown = types.first(where: { !known.contains($0) }) { errors.add("disputeTypes", "纠纷类型「\(unknown)」不在本局纠纷类型目录中") }
        if kind?.isSpecialised == true, types.isEmpty { errors.add("disputeTypes", "行业性专业性调委会须写明其调解的纠纷类型") }
        let rooms = (input.rooms ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        if rooms.count > roomLimit { errors.add("rooms", "特色调解室不能超过\(roomLimit)个") }
        for room in rooms {
            if room.count > 50 { errors.add("rooms", "调解室名称不能超过50个字符") }
            if let problem = PlainText.problem(room, field: "rooms", label: "调解室名称", multiline: false) { errors.errors.append(problem) }
        }
        try errors.throwIfAny()
        try await db.transaction { tx in
            let existing = try await CommitteeProfile.query(on: tx).filter(\.$org.$id == committee.id!).first()
            let before = existing.map(snapshot)
            let profile = existing ?? CommitteeProfile(org: committee.id!, kind: kind!, foundedOn: founded!, disputeTypes: [], rooms: [])
            profile.kind = kind!
            profile.foundedOn = founded!.description
            profile.disputeTypes = types.joined(separator: ",")
            profile.rooms = rooms.joined(separator: "\n")
            try await profile.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: existing == nil ? "create" : "update", entityType: "mediationCommittee",
                                      entityID: committee.id!.uuidString, before: before, after: snapshot(profile))
        }
    }

    static func addMediator(_ input: MediatorInput, to committee: Org, actor: AuditActor, on db: Database) async throws -> Mediator {
        var errors = ValidationErrors()
        let name = (input.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 50 { errors.add("name", "调解员姓名不能为空，且不超过50个字符") }
        if let problem = PlainText.problem(name, field: "name", label: "调解员姓名", multiline: false) { errors.errors.append(problem) }
        let phone = input.phone?.trimmingCharacters(in: .whitespaces).nonEmpty
        if let phone, (try? PhoneNumber(phone)) == nil { errors.add("phone", "联系电话须为11位手机号码或带区号的固定电话") }
        let from = date(input.activeFrom, field: "activeFrom", label: "任职日期", errors: &errors)
        let to = input.activeTo?.nonEmpty == nil ? nil : date(input.activeTo, field: "activeTo", label: "离任日期", errors: &errors)
        if let from, let to, to < from { errors.add("activeTo", "离任日期不能早于任职日期") }
        try errors.throwIfAny()
        let mediator = Mediator(committee: committee.id!, name: name, phone: phone, activeFrom: from!, activeTo: to)
        try await db.transaction { tx in
            try await mediator.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "create", entityType: "mediator", entityID: mediator.id!.uuidString,
                                      before: nil, after: ["committee": committee.name, "name": name, "activeFrom": mediator.activeFrom])
        }
        return mediator
    }

    static func addDisputeType(_ input: DisputeTypeInput, scope: Scope, actor: AuditActor, on db: Database) async throws -> DisputeType {
        guard scope.isAdmin else { throw Abort(.forbidden, reason: "只有系统管理员可以增补纠纷类型") }
        var errors = ValidationErrors()
        let code = (input.code ?? "").trimmingCharacters(in: .whitespaces)
        let label = (input.label ?? "").trimmingCharacters(in: .whitespaces)
        if code.isEmpty || code.count > 40 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            errors.add("code", "代码须为1至40位英文字母或数字")
        }
        if label.isEmpty || label.count > 30 { errors.add("label", "名称不能为空，且不超过30个字符") }
        if let problem = PlainText.problem(label, field: "label", label: "名称", multiline: false) { errors.errors.append(problem) }
        let existing = try await DisputeType.query(on: db).all()
        if existing.contains(where: { $0.code == code }) { errors.add("code", "代码「\(code)」已存在") }
        if existing.contains(where: { $0.label == label }) { errors.add("label", "纠纷类型「\(label)」已存在") }
        try errors.throwIfAny()
        let type = DisputeType(code: code, label: label, position: (existing.map(\.position).max() ?? 0) + 1, sectoral: input.sectoral ?? true)
        try await db.transaction { tx in
            try await type.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor.sharingDeployment, action: "create", entityType: "disputeType", entityID: type.id!.uuidString,
                                      before: nil, after: ["code": code, "label": label, "sectoral": String(type.sectoral)])
        }
        return type
    }

    private static func date(_ text: String?, field: String, label: String, errors: inout ValidationErrors) -> CivilDate? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            errors.add(field, "\(label)不能为空")
            return nil
        }
        guard let date = CivilDate(string: text) else {
            errors.add(field, "\(label)格式应为 YYYY-MM-DD，且须为存在的日期")
            return nil
        }
        return date
    }

    private static func snapshot(_ profile: CommitteeProfile) -> [String: String] {
        ["kind": profile.kind.rawValue, "foundedOn": profile.foundedOn, "disputeTypes": profile.disputeTypes, "rooms": profile.rooms]
    }
}
