import Fluent
import FazhiCore
import Vapor

/// The centre's register of legal-aid lawyers and the rotation over it: who is next for a case, whether a lawyer may
/// take it (licence, declared matters, conflict with their open aid cases), and each lawyer's load and quality this
/// year — the fairness the centre head watches. Every write is checked field by field and audited.
enum LegalAidLawyers {
    struct LawyerInput: Content {
        var name: String?
        var firm: String?
        var staff: Bool?
        var licenceNumber: String?
        var licenceValidTo: String?
        var practiceAreas: [String]?
    }

    /// A lawyer with this year's load and quality.
    struct LawyerBody: Content {
        let id: UUID
        let name: String
        let firm: String
        let staff: Bool
        let licenceNumber: String
        let licenceValidTo: String
        let practiceAreas: [String]
        let active: Bool
        /// Cases assigned this year, open now, closed this year, and the average quality score of those reviewed.
        let assignedThisYear: Int
        let open: Int
        let reviewed: Int
        let averageScore: Double?
    }

    /// One assignment as the events record it.
    struct Assignment {
        let caseID: UUID
        let lawyerID: UUID
        let date: CivilDate
    }

    /// The centre of a legal-aid case or register: the org the user acts at in the line.
    static func centre(_ id: UUID?, scope: Scope, on db: Database) async throws -> Org {
        guard let id, let org = try await Org.find(id, on: db), org.kind == .legalAidCentre, scope.readableOrgIDs(.legalAid).contains(id) else {
            throw Abort(.notFound, reason: "法律援助中心不存在或不在您的范围内")
        }
        return org
    }

    /// The centres the user reads.
    static func centres(_ scope: Scope, on db: Database) async throws -> [Org] {
        try await Org.query(on: db).filter(\.$kind == .legalAidCentre).filter(\.$id ~~ Array(scope.readableOrgIDs(.legalAid))).sort(\.$code).all()
    }

    /// Every assignment of the centre's cases, in order: the latest of a case names its lawyer.
    static func assignments(centre: UUID, on db: Database) async throws -> [Assignment] {
        let events = try await CaseEventRecord.query(on: db)
            .join(CaseRecord.self, on: \CaseEventRecord.$caseRecord.$id == \CaseRecord.$id)
            .filter(CaseRecord.self, \.$line == .legalAid).filter(CaseRecord.self, \.$org.$id == centre)
            .filter(\.$kind == "assign").sort(\.$occurredOn).sort(\.$seq).all()
        let decoder = JSONDecoder()
        return events.compactMap { event in
            guard case .assign(let date, let lawyer, _, _, _)? = try? decoder.decode(LegalAidEvent.self, from: Data(event.payload.utf8)) else { return nil }
            return Assignment(caseID: event.$caseRecord.id, lawyerID: lawyer, date: date)
        }
    }

    /// The centre's active lawyers as the rotation sees them on `day`: this year's load and the parties of their open cases.
    static func candidates(centre: UUID, on day: CivilDate, db: Database) async throws -> [(AidLawyer, LegalAidRotation.Candidate)] {
        let lawyers = try await AidLawyer.query(on: db).filter(\.$centre.$id == centre).filter(\.$active == true).sort(\.$name).all()
        let assignments = try await assignments(centre: centre, on: db)
        let yearStart = CivilDate(year: day.year, month: 1, day: 1)!
        var current: [UUID: UUID] = [:]
        for assignment in assignments { current[assignment.caseID] = assignment.lawyerID }
        let openIDs = try await CaseRecord.query(on: db).filter(\.$id ~~ Array(current.keys)).filter(\.$isOpen == true).all().compactMap(\.id)
        let parties = try await parties(of: openIDs, on: db)
        return lawyers.map { lawyer in
            let own = assignments.filter { $0.lawyerID == lawyer.id && $0.date >= yearStart && $0.date <= day }
            let open = openIDs.filter { current[$0] == lawyer.id }.compactMap { parties[$0] }
            return (lawyer, LegalAidRotation.Candidate(
                id: lawyer.id!, name: lawyer.name, areas: lawyer.areas, licenceValidTo: CivilDate(string: lawyer.licenceValidTo) ?? day,
                assignedThisYear: own.count, lastAssignedOn: own.last?.date, openCases: open))
        }
    }

    /// The aided and the other side of each case, by name.
    static func parties(of cases: [UUID], on db: Database) async throws -> [UUID: LegalAidRotation.Parties] {
        guard !cases.isEmpty else { return [:] }
        var result: [UUID: LegalAidRotation.Parties] = [:]
        for party in try await PartyRecord.query(on: db).filter(\.$caseRecord.$id ~~ cases).all() {
            var entry = result[party.$caseRecord.id] ?? .init(aided: [], opposing: [])
            if party.role == "applicant" { entry.aided.append(party.name) } else { entry.opposing.append(party.name) }
            result[party.$caseRecord.id] = entry
        }
        return result
    }

    /// The lawyers who may take the case on `day`, in rotation order (the form lists them so, the first is next).
    static func rotation(for record: CaseRecord, matter: LegalAidMatter, on day: CivilDate, db: Database) async throws -> [(AidLawyer, LegalAidRotation.Candidate)] {
        let candidates = try await candidates(centre: record.$org.id, on: day, db: db)
        let parties = try await parties(of: [record.id!], on: db)[record.id!] ?? .init(aided: [], opposing: [])
        let order = LegalAidRotation.order(candidates.map(\.1), matter: matter, parties: parties, on: day)
        return order.compactMap { candidate in candidates.first { $0.1.id == candidate.id } }
    }

    /// Completes an event before the rules decide: a decision gets the standard in force on its day; an assignment names
    /// a lawyer of the case's centre who may take it, the next in rotation unless a reason for skipping is given, and is
    /// completed with the register's name and firm. Other events pass as they are.
    static func prepare(_ event: LegalAidEvent, on record: CaseRecord, db: Database) async throws -> LegalAidEvent {
        switch event {
        case .grant(let date, nil):
            return .grant(date: date, standard: try await LegalAidStandardRecord.inForce(on: date, db: db))
        case .refuse(let date, nil, let ground, let explanation):
            return .refuse(date: date, standard: try await LegalAidStandardRecord.inForce(on: date, db: db), ground: ground, explanation: explanation)
        case .assign(let date, let id, _, _, let skip):
            guard let lawyer = try await AidLawyer.find(id, on: db), lawyer.$centre.id == record.$org.id, lawyer.active else {
                throw FieldError(field: "lawyerID", message: "须指派本中心法律援助人员名册中的在册人员")
            }
            let matter = try await LegalAidDetail.query(on: db).filter(\.$caseRecord.$id == record.id!).first()?.matter ?? .civil
            let candidates = try await candidates(centre: record.$org.id, on: date, db: db)
            let parties = try await parties(of: [record.id!], on: db)[record.id!] ?? .init(aided: [], opposing: [])
            guard let candidate = candidates.first(where: { $0.0.id == id })?.1 else {
                throw FieldError(field: "lawyerID", message: "须指派本中心法律援助人员名册中的在册人员")
            }
            if let bar = LegalAidRotation.bar(candidate, matter: matter, parties: parties, on: date) {
                throw FieldError(field: "lawyerID", message: bar)
            }
            let next = LegalAidRotation.order(candidates.map(\.1), matter: matter, parties: parties, on: date).first
            if let next, next.id != id, (skip ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw FieldError(field: "skipReason", message: "按轮候顺序应指派\(next.name)；指派其他人员须写明未按顺序指派的理由")
            }
            return .assign(date: date, lawyerID: id, lawyerName: lawyer.name, firm: lawyer.firm, skipReason: next?.id == id ? nil : skip)
        default:
            return event
        }
    }

    /// The centre's lawyers with this year's load and quality.
    static func register(centre: UUID, year: Int, on db: Database) async throws -> [LawyerBody] {
        let lawyers = try await AidLawyer.query(on: db).filter(\.$centre.$id == centre).sort(\.$name).all()
        let assignments = try await assignments(centre: centre, on: db)
        var current: [UUID: UUID] = [:]
        for assignment in assignments { current[assignment.caseID] = assignment.lawyerID }
        let cases = try await CaseRecord.query(on: db).filter(\.$id ~~ Array(current.keys)).all()
        let open = Set(cases.filter(\.isOpen).compactMap(\.id))
        let reviews = try await CaseEventRecord.query(on: db).filter(\.$caseRecord.$id ~~ Array(current.keys)).filter(\.$kind == "review")
            .filter(\.$occurredOn >= "\(year)-01-01").filter(\.$occurredOn <= "\(year)-12-31").all()
        var scores: [UUID: [Int]] = [:]
        for review in reviews {
            guard case .review(_, let items, _, _)? = try? JSONDecoder().decode(LegalAidEvent.self, from: Data(review.payload.utf8)),
                  let lawyer = current[review.$caseRecord.id] else { continue }
            scores[lawyer, default: []].append(items.values.reduce(0, +))
        }
        return lawyers.map { lawyer in
            let id = lawyer.id!
            let own = scores[id] ?? []
            return LawyerBody(id: id, name: lawyer.name, firm: lawyer.firm, staff: lawyer.staff, licenceNumber: lawyer.licenceNumber,
                              licenceValidTo: lawyer.licenceValidTo, practiceAreas: lawyer.areas.map(\.rawValue), active: lawyer.active,
                              assignedThisYear: assignments.filter { $0.lawyerID == id && $0.date.year == year }.count,
                              open: current.filter { $0.value == id && open.contains($0.key) }.count,
                              reviewed: own.count, averageScore: own.isEmpty ? nil : (Double(own.reduce(0, +)) / Double(own.count) * 10).rounded() / 10)
        }
    }

    static func addLawyer(_ input: LawyerInput, to centre: Org, scope: Scope, actor: AuditActor, on db: Database) async throws -> AidLawyer {
        guard scope.canAct(.legalAid, at: centre.id!) else { throw Abort(.forbidden, reason: "您不能修改该中心的法律援助人员名册") }
        var errors = ValidationErrors()
        let name = (input.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 50 { errors.add("name", "姓名不能为空，且不超过50个字符") }
        if let problem = PlainText.problem(name, field: "name", label: "姓名", multiline: false) { errors.errors.append(problem) }
        let staff = input.staff ?? false
        let firm = staff ? centre.name : (input.firm ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if firm.isEmpty || firm.count > 100 { errors.add("firm", "律师事务所名称不能为空，且不超过100个字符（中心律师勾选“中心律师”）") }
        if let problem = PlainText.problem(firm, field: "firm", label: "律师事务所", multiline: false) { errors.errors.append(problem) }
        let licence = (input.licenceNumber ?? "").trimmingCharacters(in: .whitespaces)
        if licence.range(of: #"^[0-9]{17}$"#, options: .regularExpression) == nil { errors.add("licenceNumber", "执业证号须为17位数字") }
        else if try await AidLawyer.query(on: db).filter(\.$licenceNumber == licence).first() != nil {
            errors.add("licenceNumber", "执业证号\(licence)已在名册中")
        }
        let validTo = input.licenceValidTo.flatMap { CivilDate(string: $0.trimmingCharacters(in: .whitespaces)) }
        if validTo == nil { errors.add("licenceValidTo", "执业证有效期至须为 YYYY-MM-DD 格式的日期") }
        else if validTo! < ChinaTime.today { errors.add("licenceValidTo", "执业证已过有效期，不能列入名册") }
        let areas = (input.practiceAreas ?? []).map { LegalAidMatter(rawValue: $0) }
        if areas.isEmpty || areas.contains(where: { $0 == nil }) {
            errors.add("practiceAreas", "承办领域须为：\(LegalAidMatter.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))中的一项或多项")
        }
        try errors.throwIfAny()
        let lawyer = AidLawyer(centre: centre.id!, name: name, firm: firm, staff: staff, licenceNumber: licence, licenceValidTo: validTo!,
                               areas: areas.compactMap { $0 })
        try await db.transaction { tx in
            try await lawyer.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "create", entityType: "aidLawyer", entityID: lawyer.id!.uuidString,
                                      before: nil, after: ["centre": centre.name, "name": name, "firm": firm, "licenceValidTo": lawyer.licenceValidTo])
        }
        return lawyer
    }
}
