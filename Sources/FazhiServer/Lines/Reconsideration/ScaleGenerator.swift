import Fluent
import FazhiCore
import FluentSQL
import Vapor

/// `fazhi demo --scale N`: fills one year with N reconsideration cases for the scale benchmark. Every case's events
/// come from `ReconsiderationDemoStory` and pass the same rules (`ReconsiderationRules`, applied in memory); its deadlines and
/// rollup contributions are derived by the same functions the workflow uses. Only the writing differs: rows go in
/// by the thousand in multi-row inserts, one transaction per batch, with one audit row for the whole load instead
/// of one per case.
struct ScaleGenerator {
    let db: Database
    let calendar: WorkingCalendar
    let protection: DataProtection
    let year: Int
    let count: Int
    let batchSize = 500

    func run(progress: (Int) -> Void = { _ in }) async throws -> String {
        guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError, reason: "需要 SQL 数据库") }
        guard let office = try await Org.query(on: db).filter(\.$code == "\(DemoData.bureauCode)-XF").first(),
              let officer = try await User.query(on: db).filter(\.$username == "fuyi").first() else {
            throw FieldError(field: "demo", message: "请先加载演示机构（fazhi demo）")
        }
        let agencies = try await Org.query(on: db).filter(\.$kind == .agency).all()
        let today = CivilDate(year: year, month: 12, day: 31)!
        let start = CivilDate(year: year, month: 1, day: 1)!
        var random = DemoRandom(seed: UInt64(year) &* 1_000_003 &+ UInt64(count))
        var seq = try await reserveNumbers(office: office)
        var contributions: [MetricContribution] = []
        var written = 0
        while written < count {
            let size = min(batchSize, count - written)
            var cases: [[any Encodable & Sendable]] = [], events: [[any Encodable & Sendable]] = []
            var deadlines: [[any Encodable & Sendable]] = [], parties: [[any Encodable & Sendable]] = []
            for _ in 0..<size {
                var received = start.adding(days: random.int(0...364))
                while !calendar.isWorkingDay(received) { received = received.adding(days: 1) }
                let receive = ReconsiderationDemoStory.receive(on: received, random: &random)
                let opened = try ReconsiderationRules.open(with: receive, calendar: calendar)
                let story = [receive] + ReconsiderationDemoStory.events(opening: opened, today: today, calendar: calendar, random: &random)
                let dossier = try ReconsiderationRules.replay(story, calendar: calendar)
                let summary = dossier.summary
                let id = UUID()
                let agency = random.pick(agencies)
                let name = DemoPeople.personName(&random)
                seq += 1
                cases.append([id, "reconsideration", office.id!, CaseNumbering.format(ReconsiderationRules.caseNumberPattern, year: year, seq: seq),
                              year, seq, "\(PartyInput.titleName(name, kind: "person"))不服\(agency.name)\(random.pick(DemoPeople.acts))", agency.id!, officer.id!,
                              summary.state, summary.stateLabel, summary.isOpen, summary.receivedOn.description,
                              summary.acceptedOn?.description, summary.concludedOn?.description, summary.outcome, summary.outcomeLabel,
                              story.count, Date(), Date()])
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                for (index, event) in story.enumerated() {
                    events.append([UUID(), id, index + 1, event.kind, event.date.description, event.summary,
                                   String(decoding: try encoder.encode(event), as: UTF8.self), Date(), officer.id!, officer.username])
                }
                for deadline in ReconsiderationRules.deadlines(of: dossier, calendar: calendar) {
                    deadlines.append([UUID(), id, office.id!, "reconsideration", deadline.ruleKey, deadline.title, deadline.basis,
                                      deadline.kind.rawValue, deadline.start.description, deadline.due.description, deadline.provisional,
                                      deadline.paused, deadline.completedOn?.description, deadline.explanation.joined(separator: "\n")])
                }
                let idNumber = DemoPeople.idNumber(&random)
                parties.append([UUID(), id, "applicant", "person", name, try protection.encrypt(idNumber), protection.lookupHash(idNumber),
                                Optional<String>.none, try protection.encrypt(DemoPeople.phone(&random)), Optional<String>.none])
                contributions += ReconsiderationRules.contributions(of: dossier, calendar: calendar)
            }
            try await db.transaction { tx in
                let sql = tx as! SQLDatabase
                try await insert(sql, "cases", ["id", "line", "org_id", "case_number", "year", "seq", "title", "agency_id", "handler_id",
                                                "state", "state_label", "is_open", "received_on", "accepted_on", "concluded_on", "outcome",
                                                "outcome_label", "version", "created_at", "updated_at"], cases)
                try await insert(sql, "case_events", ["id", "case_id", "seq", "kind", "occurred_on", "summary", "payload", "recorded_at",
                                                      "actor_id", "actor_name"], events)
                try await insert(sql, "case_deadlines", ["id", "case_id", "org_id", "line", "rule_key", "title", "basis", "kind",
                                                         "start_on", "due_on", "provisional", "paused", "completed_on", "explanation"], deadlines)
                try await insert(sql, "parties", ["id", "case_id", "role", "kind", "name", "id_number_enc", "id_number_hash",
                                                  "credit_code", "phone_enc", "address_enc"], parties)
            }
            written += size
            progress(written)
        }
        try await db.transaction { tx in
            try await MetricRollup.apply(from: [], to: contributions, org: office.id!, on: tx)
            try await AuditLog.record(on: tx, actor: .command("demo --scale"), action: "bulk-load", entityType: "case",
                                      entityID: "reconsideration/\(year)", before: nil, after: ["cases": String(count)])
        }
        _ = sql
        return "已生成 \(year) 年行政复议案件 \(count) 件（批量写入，规则校验、期限与汇总同常规办理）"
    }

    /// Reserves `count` case numbers for the year; returns the last number issued before them.
    private func reserveNumbers(office: Org) async throws -> Int {
        try await db.transaction { tx in
            let bureau = UUID(uuidString: office.path.split(separator: "/").first.map(String.init) ?? "") ?? office.id!
            let counter = try await CaseNumberCounter.query(on: tx).filter(\.$bureauID == bureau)
                .filter(\.$line == WorkLine.reconsideration.rawValue).filter(\.$year == year).first() ?? {
                    let fresh = CaseNumberCounter()
                    fresh.bureauID = bureau
                    fresh.line = WorkLine.reconsideration.rawValue
                    fresh.year = year
                    fresh.lastSeq = 0
                    return fresh
                }()
            let first = counter.lastSeq
            counter.lastSeq += count
            try await counter.save(on: tx)
            return first
        }
    }

    private func insert(_ sql: SQLDatabase, _ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]]) async throws {
        let chunk = max(1, 30_000 / columns.count)
        var index = 0
        while index < rows.count {
            var insert = sql.insert(into: table).columns(columns)
            for row in rows[index..<min(index + chunk, rows.count)] {
                insert = insert.values(row.map { SQLBind($0) })
            }
            try await insert.run()
            index += chunk
        }
    }
}
