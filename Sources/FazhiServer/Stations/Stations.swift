import Fluent
import FazhiCore
import SQLKit
import Vapor

/// The service stations measured (the reference report's second shortcoming: uneven standardisation, uneven service,
/// no evaluation): each station's checklist standing, its visits and response times, and its residents' ratings —
/// all counted from the records — and the one write path for each record (pages, demo and portal alike).
enum Stations {
    /// One station's year, as the bureau's ranking shows it.
    struct Standing: Sendable {
        let station: Org
        /// Checklist items met, of the active ones.
        let met: Int
        let items: Int
        /// The active items not met (or never checked), by title: the station's gaps.
        let gaps: [String]
        let visits: Int
        /// Mean minutes waited, nil without visits.
        let meanWait: Double?
        let ratings: Int
        let meanScore: Double?

        /// The checklist's share met, 0–1.
        var standard: Double { items == 0 ? 0 : Double(met) / Double(items) }

        /// The ranking's score out of 100: half for the checklist met, half for the mean rating (out of 5); a station no
        /// one rated gets nothing for ratings.
        var score: Double { 50 * standard + 50 * ((meanScore ?? 0) / 5) }
    }

    static let consultation = "consultation"

    /// The services a visit may be for: general legal advice and each line the app runs.
    static func services(_ modules: ModuleRegistry) -> [(code: String, label: String)] {
        [(consultation, "法律咨询")] + modules.lines.map { ($0.rawValue, $0.label) }
    }

    /// The service stations among `orgIDs`, by name.
    static func stations(in orgIDs: Set<UUID>, on db: Database) async throws -> [Org] {
        try await Org.query(on: db).filter(\.$kind == .serviceStation).filter(\.$active == true)
            .filter(\.$id ~~ (orgIDs.isEmpty ? [UUID()] : Array(orgIDs))).sort(\.$code).all()
    }

    /// Each station's standing in `year`, best first.
    static func standings(_ stations: [Org], year: Int, on db: Database) async throws -> [Standing] {
        guard !stations.isEmpty else { return [] }
        let ids = stations.map { $0.id! }
        let items = try await StationChecklist.items(on: db)
        // The latest check of each item at each station.
        var latest: [UUID: [String: StationCheck]] = [:]
        for check in try await StationCheck.query(on: db).filter(\.$stationID ~~ ids).sort(\.$checkedOn).sort(\.$recordedAt).all() {
            latest[check.stationID, default: [:]][check.itemCode] = check
        }
        let sql = try db.sql
        let from = "\(year)-01-01", through = "\(year)-12-31"
        var visits: [UUID: (count: Int, wait: Double)] = [:]
        for row in try await sql.raw("""
            SELECT station_id, COUNT(*) AS n, AVG(CAST(waited_minutes AS DOUBLE PRECISION)) AS wait FROM station_visits \
            WHERE visited_on >= \(bind: from) AND visited_on <= \(bind: through) GROUP BY station_id
            """).all() {
            visits[try row.decode(column: "station_id", as: UUID.self)] = (try row.decode(column: "n", as: Int.self),
                                                                             try row.decode(column: "wait", as: Double.self))
        }
        var ratings: [UUID: (count: Int, mean: Double)] = [:]
        for row in try await sql.raw("""
            SELECT station_id, COUNT(*) AS n, AVG(CAST(score AS DOUBLE PRECISION)) AS mean FROM service_ratings \
            WHERE station_id IS NOT NULL AND rated_on >= \(bind: from) AND rated_on <= \(bind: through) GROUP BY station_id
            """).all() {
            ratings[try row.decode(column: "station_id", as: UUID.self)] = (try row.decode(column: "n", as: Int.self),
                                                                              try row.decode(column: "mean", as: Double.self))
        }
        return stations.map { station in
            let checks = latest[station.id!] ?? [:]
            let gaps = items.filter { checks[$0.checkKey]?.met != true }.map(\.label)
            let visit = visits[station.id!]
            let rating = ratings[station.id!]
            return Standing(station: station, met: items.count - gaps.count, items: items.count, gaps: gaps, visits: visit?.count ?? 0,
                            meanWait: visit?.wait, ratings: rating?.count ?? 0, meanScore: rating?.mean)
        }.sorted { ($0.score, $0.station.code) > ($1.score, $1.station.code) }
    }

    // MARK: Writing

    /// Records the checklist at `station` as found on `checkedOn`: one check per active item (met or not, a note).
    static func recordChecks(_ met: [String: Bool], notes: [String: String], at station: Org, checkedOn: CivilDate, actor: AuditActor,
                             on db: Database) async throws {
        let items = try await StationChecklist.items(on: db)
        try await db.transaction { tx in
            for item in items {
                let check = StationCheck()
                check.id = UUID()
                check.stationID = station.id!
                check.itemCode = item.checkKey
                check.met = met[item.checkKey] ?? false
                check.note = notes[item.checkKey].flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
                check.checkedOn = checkedOn.description
                check.checkedBy = actor.name
                check.recordedAt = Date()
                try await check.create(on: tx)
            }
            try await AuditLog.record(on: tx, actor: actor, action: "station:check", entityType: "org", entityID: station.id!.uuidString,
                                      before: nil, after: ["checkedOn": checkedOn.description,
                                                           "met": items.filter { met[$0.checkKey] == true }.map(\.label).joined(separator: "、")])
        }
    }

    /// Records a visit and returns the token of its rating link (`/portal/rate/<token>`), shown once to the staff.
    static func recordVisit(at station: Org, service: String, visitedOn: CivilDate, waitedMinutes: Int, staff: UUID?, actor: AuditActor,
                            on db: Database) async throws -> (StationVisit, String) {
        let token = StaffSessions.randomToken()
        let visit = StationVisit()
        visit.id = UUID()
        visit.stationID = station.id!
        visit.service = service
        visit.visitedOn = visitedOn.description
        visit.waitedMinutes = waitedMinutes
        visit.staffID = staff
        visit.recordedBy = actor.name
        visit.recordedAt = Date()
        visit.ratingTokenHash = StaffSessions.digest(token)
        try await db.transaction { tx in
            try await visit.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: "station:visit", entityType: "org", entityID: station.id!.uuidString,
                                      before: nil, after: ["visit": visit.id!.uuidString, "service": service, "visitedOn": visitedOn.description])
        }
        return (visit, token)
    }

    /// Reads a rating's score and comment; throws naming the field.
    static func checkedRating(score text: String?, comment: String?) throws -> (Int, String?) {
        var errors = ValidationErrors()
        let score = text.flatMap { Int($0) }
        if score == nil || !(1...5).contains(score!) { errors.add("score", "请选择1至5分") }
        let comment = comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if comment.count > 500 { errors.add("comment", "评价内容不能超过500个字符") }
        if let problem = PlainText.problem(comment, field: "comment", label: "评价内容", multiline: true) { errors.errors.append(problem) }
        try errors.throwIfAny()
        return (score!, comment.nonEmpty)
    }

    /// Stores a rating once per subject: a second one is a 409 (the unique key refuses it, however the requests race).
    static func rate(subject: String, id: UUID, station: UUID?, line: String?, handler: UUID?, score: Int, comment: String?,
                     ratedOn: CivilDate = ChinaTime.today, on db: Database) async throws {
        if try await ServiceRating.query(on: db).filter(\.$subject == subject).filter(\.$subjectID == id).first() != nil {
            throw Abort(.conflict, reason: "已经评价过了，每次服务只能评价一次")
        }
        let rating = ServiceRating()
        rating.id = UUID()
        rating.subject = subject
        rating.subjectID = id
        rating.stationID = station
        rating.line = line
        rating.handlerID = handler
        rating.score = score
        rating.comment = comment
        rating.ratedOn = ratedOn.description
        rating.ratedAt = Date()
        do {
            try await rating.create(on: db)
        } catch let error as DatabaseError where error.isConstraintFailure {
            throw Abort(.conflict, reason: "已经评价过了，每次服务只能评价一次")
        }
    }
}
