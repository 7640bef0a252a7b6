import Fluent
import FazhiCore
import SQLKit
import Vapor

/// Reading and adding the entries of one ledger or register kind, within the signed-in user's scope: the one place
/// the pages and the API go through.
struct BookEntries {
    /// One entry as listed: its org and its values by column name.
    struct Listed: Content {
        let id: UUID
        let orgID: UUID
        let orgName: String
        let values: [String: String]
        let createdBy: String
    }

    /// Which entries to list: a year (ledgers: dated in it; registers: active at some time in it) and an org subtree.
    struct Filter {
        var year: Int?
        var orgID: UUID?
    }

    let db: Database
    let scope: Scope
    let kind: any BookKind

    /// A page of entries, newest first, and how many match in all.
    func list(_ filter: Filter, paging: Paging = Paging(size: 50)) async throws -> (entries: [Listed], total: Int) {
        let orgIDs = try await orgIDs(filter.orgID)
        switch kind {
        case let kind as LedgerKind:
            var query = scope.ledgerEntries(kind, within: Set(orgIDs), on: db)
            if let year = filter.year {
                query = query.filter(\.$occurredOn >= "\(year)-01-01").filter(\.$occurredOn <= "\(year)-12-31")
            }
            let total = try await query.count()
            let rows = try await query.sort(\.$occurredOn, .descending).sort(\.$id).range(paging.range).all()
            return (try await listed(rows.map { ($0.id!, $0.$org.id, $0.values, $0.createdBy) }), total)
        case let kind as RegisterKind:
            var query = scope.registerEntries(kind, within: Set(orgIDs), on: db)
            if let year = filter.year {
                query = query.filter(\.$activeFrom <= "\(year)-12-31")
                    .group(.or) { $0.filter(\.$activeTo == nil).filter(\.$activeTo >= "\(year)-01-01") }
            }
            let total = try await query.count()
            let rows = try await query.sort(\.$name).sort(\.$id).range(paging.range).all()
            return (try await listed(rows.map { ($0.id!, $0.$org.id, $0.values, $0.createdBy) }), total)
        default:
            return ([], 0)
        }
    }

    /// One entry, 404 outside the scope.
    func find(_ id: UUID?) async throws -> Listed {
        switch kind {
        case let kind as LedgerKind:
            let entry = try await scope.findLedgerEntry(kind, id, on: db)
            return try await listed([(entry.id!, entry.$org.id, entry.values, entry.createdBy)])[0]
        case let kind as RegisterKind:
            let entry = try await scope.findRegisterEntry(kind, id, on: db)
            return try await listed([(entry.id!, entry.$org.id, entry.values, entry.createdBy)])[0]
        default:
            throw Abort(.notFound)
        }
    }

    /// Validates one entry typed into the form or sent to the API and stores it with its audit row. Errors are keyed
    /// by column name (or `orgID`), each with the column's rule.
    func add(_ raw: [String: String], orgID: UUID?, actor: AuditActor) async throws -> UUID {
        var errors = ValidationErrors()
        let org = orgID ?? scope.homeOrg(for: kind.line)
        if org == nil || !scope.canAct(kind.line, at: org!) {
            errors.add("orgID", "您在该机构没有登记\(kind.name)的权限")
        }
        let values = validated(raw, errors: &errors)
        try errors.throwIfAny()
        let row = SheetValidator.Row(number: 0, values: values, naturalKey: kind.naturalKey(of: values))
        let kind = self.kind
        return try await db.transaction { tx in
            let writer = BookWriter(db: tx, kind: kind, org: org!, actor: actor)
            // Stored meanwhile by another writer (PostgreSQL skips it): the same answer as when it was there before.
            guard try await !writer.exists(row.naturalKey), let id = try await writer.insert([row], importID: nil)[0] else {
                throw Self.duplicate(kind)
            }
            var after = values
            after["kind"] = kind.code
            after["org"] = org!.uuidString
            try await AuditLog.record(on: tx, actor: actor, action: "create", entityType: kind.family.rawValue + "Entry",
                                      entityID: id.uuidString, before: nil, after: after)
            return id
        }
    }

    /// Corrects an entry; a register entry is ended by giving its end date (解聘日期, 注销日期 …). The org stays; the
    /// natural key may change, but not onto another entry's. The rollup moves by the difference, in the same
    /// transaction, and the audit row keeps the values before and after.
    func update(_ id: UUID?, _ raw: [String: String], actor: AuditActor) async throws {
        let entry = try await find(id)
        try requireAct(at: entry.orgID)
        var errors = ValidationErrors()
        let values = validated(raw, errors: &errors)
        try errors.throwIfAny()
        let naturalKey = kind.naturalKey(of: values)
        let kind = self.kind
        try await db.transaction { tx in
            let before = try await Self.lockedValues(kind, entry.id, on: tx)
            if naturalKey != kind.naturalKey(of: before),
               try await BookWriter(db: tx, kind: kind, org: entry.orgID, actor: actor).exists(naturalKey) {
                throw Self.duplicate(kind)
            }
            switch kind {
            case let kind as LedgerKind:
                let stored = try await LedgerEntry.find(entry.id, on: tx)!
                stored.occurredOn = values["occurredOn"] ?? ""
                stored.title = values["title"] ?? ""
                stored.quantity = kind.quantity(of: values)
                stored.fields = LedgerFields.encodeFields(of: values)
                stored.naturalKey = naturalKey
                try await stored.save(on: tx)
                try await MetricRollup.apply(from: kind.contributions(of: before, quantity: kind.quantity(of: before)),
                                             to: kind.contributions(of: values, quantity: stored.quantity), org: entry.orgID, on: tx)
            default:
                let stored = try await RegisterEntry.find(entry.id, on: tx)!
                stored.name = values["name"] ?? ""
                stored.activeFrom = values["activeFrom"] ?? ""
                stored.activeTo = values["activeTo"]
                stored.fields = LedgerFields.encodeFields(of: values)
                stored.naturalKey = naturalKey
                try await stored.save(on: tx)
            }
            try await AuditLog.record(on: tx, actor: actor, action: "update", entityType: kind.family.rawValue + "Entry",
                                      entityID: entry.id.uuidString, before: before, after: values)
        }
    }

    /// Removes an entry entered by mistake, with its files (its audit row keeps what it said and their names); the rollup
    /// loses what it counted.
    func remove(_ id: UUID?, actor: AuditActor) async throws {
        let entry = try await find(id)
        try requireAct(at: entry.orgID)
        let kind = self.kind
        try await db.transaction { tx in
            var before = try await Self.lockedValues(kind, entry.id, on: tx)
            // The import that wrote it, so `fazhi audit verify` still accounts for the import's rows (ImportDigest).
            let importID = kind.family == .ledger ? try await LedgerEntry.find(entry.id, on: tx)?.importID
                : try await RegisterEntry.find(entry.id, on: tx)?.importID
            if let importID { before["importID"] = importID.uuidString }
            // Its files go with it; the audit row names them.
            let files = try await EntryAttachments.removeAll(of: entry.id, on: tx)
            if !files.isEmpty { before["attachments"] = files.joined(separator: "、") }
            switch kind {
            case let kind as LedgerKind:
                try await LedgerEntry.query(on: tx).filter(\.$id == entry.id).delete()
                try await MetricRollup.apply(from: kind.contributions(of: before, quantity: kind.quantity(of: before)),
                                             to: [], org: entry.orgID, on: tx)
            default:
                try await RegisterEntry.query(on: tx).filter(\.$id == entry.id).delete()
            }
            try await AuditLog.record(on: tx, actor: actor, action: "delete", entityType: kind.family.rawValue + "Entry",
                                      entityID: entry.id.uuidString, before: before, after: nil)
        }
    }

    /// Whether the user may correct and remove entries of the kind at `orgID` (the same right as adding them there).
    func canAct(at orgID: UUID) -> Bool { scope.canAct(kind.line, at: orgID) }

    /// 403 unless the user may correct and remove entries of the kind at `orgID`.
    func requireAct(at orgID: UUID) throws {
        guard canAct(at: orgID) else { throw Abort(.forbidden, reason: "您在该机构没有登记\(kind.name)的权限") }
    }

    /// The form's or the request's values, each checked by its column's rule; every broken rule is added to `errors`.
    private func validated(_ raw: [String: String], errors: inout ValidationErrors) -> [String: String] {
        var values: [String: String] = [:]
        for column in kind.columns {
            do {
                if let value = try column.parse(.string(raw[column.name] ?? "")) { values[column.name] = value }
            } catch {
                errors.add(column.name, "\(column.header)：\((error as? ColumnRuleError)?.message ?? "\(error)")")
            }
        }
        if let from = values["activeFrom"], let to = values["activeTo"], to < from {
            errors.add("activeTo", "\(kind.column("activeTo")!.header)不能早于\(kind.column("activeFrom")!.header)")
        }
        return values
    }

    private static func duplicate(_ kind: any BookKind) -> ValidationErrors {
        ValidationErrors([FieldError(field: kind.naturalKey.first ?? "title",
                                     message: "该\(kind.name)已登记（\(kind.naturalKeyHeaders)相同）", code: "duplicate")])
    }

    /// The entry's stored values, its row locked until the transaction ends (PostgreSQL; SQLite lets one writer in at a
    /// time), so two corrections at once cannot both move the rollup from the same old values.
    private static func lockedValues(_ kind: any BookKind, _ id: UUID, on db: Database) async throws -> [String: String] {
        let table = kind.family == .ledger ? LedgerEntry.schema : RegisterEntry.schema
        guard let sql = db as? SQLDatabase,
              try await sql.select().column("id").from(table).where("id", .equal, id).for(.update).first() != nil else {
            throw Abort(.notFound)
        }
        if kind.family == .ledger { return try await LedgerEntry.find(id, on: db)!.values }
        var values = try await RegisterEntry.find(id, on: db)!.values
        if values["activeTo"] == "" { values["activeTo"] = nil }
        return values
    }

    /// The orgs a list may show: those the user reads the kind's line in, narrowed to a chosen org's subtree.
    private func orgIDs(_ chosen: UUID?) async throws -> [UUID] {
        let readable = scope.readableOrgIDs(kind.line)
        guard let chosen else { return Array(readable) }
        guard let org = try await Org.find(chosen, on: db), readable.contains(chosen) else { return [] }
        let subtree = try await OrgDirectory.subtreeIDs(of: org, on: db)
        return subtree.filter { readable.contains($0) }
    }

    private func listed(_ rows: [(UUID, UUID, [String: String], String)]) async throws -> [Listed] {
        let orgIDs = Array(Set(rows.map(\.1)))
        let names = orgIDs.isEmpty ? [:] : Dictionary(try await Org.query(on: db).filter(\.$id ~~ orgIDs).all().map { ($0.id!, $0.name) },
                                                      uniquingKeysWith: { first, _ in first })
        return rows.map { Listed(id: $0.0, orgID: $0.1, orgName: names[$0.1] ?? "", values: $0.2, createdBy: $0.3) }
    }
}
