import Fluent
import FazhiCore
import SQLKit
import Vapor

/// What the enforcement-supervision pages and API show, read within the user's scope: the plan against what was held,
/// the trainings and the agencies not trained, the inspections and the findings' rectification queue. Each is a plain
/// value the API returns as it is and a page renders.
enum EnforcementQueries {
    struct Agency: Content, Equatable {
        let id: UUID
        let name: String
    }

    struct PlanLineBody: Content {
        let id: UUID
        let year: Int
        let kind: String
        let kindLabel: String
        let agencyID: UUID
        let agency: String
        let topic: String
        let month: Int
        let planned: Int
        let held: Int
        /// The month is over and fewer were held than planned.
        let behind: Bool
    }

    struct MonthBody: Content {
        let month: Int
        let trainingsPlanned: Int
        let trainingsHeld: Int
        let inspectionsPlanned: Int
        let inspectionsHeld: Int
    }

    struct AgencyProgress: Content {
        let agency: String
        let planned: Int
        let held: Int
        let behindLines: Int
    }

    struct Progress: Content {
        let year: Int
        let lines: [PlanLineBody]
        let months: [MonthBody]
        let agencies: [AgencyProgress]
        let behind: [PlanLineBody]
        let trainingsHeld: Int
        let inspectionsHeld: Int
    }

    /// The year's plan lines with the trainings and inspections matched to each, by month and by agency, and what is behind.
    static func progress(_ scope: Scope, year: Int, today: CivilDate, on db: Database) async throws -> Progress {
        let lines = try await scope.query(EnforcementPlanLine.self, on: db).filter(\.$year == year).sort(\.$month).sort(\.$kind).all()
        let from = "\(year)-01-01", through = "\(year)-12-31"
        var held: [UUID: Int] = [:]
        if !lines.isEmpty {
            for table in [EnforcementTraining.schema, EnforcementInspection.schema] {
                let rows = try await db.sql.raw("""
                    SELECT \(ident: "plan_line_id") AS \(ident: "line"), COUNT(*) AS \(ident: "n") FROM \(ident: table) \
                    WHERE \(ident: "plan_line_id") IN (\(binds: lines.map { $0.id! })) \
                    AND \(ident: "held_on") >= \(bind: from) AND \(ident: "held_on") <= \(bind: through) GROUP BY \(ident: "plan_line_id")
                    """).all()
                for row in rows { held[try row.decode(column: "line", as: UUID.self), default: 0] += try row.decode(column: "n", as: Int.self) }
            }
        }
        let names = try await agencyNames(Set(lines.map(\.agencyID)), on: db)
        let bodies = lines.map { line in
            let kind = PlanKind(rawValue: line.kind) ?? .training
            let count = held[line.id!] ?? 0
            let progress = PlanProgress.Line(kind: kind, agency: names[line.agencyID] ?? "", topic: line.topic, month: line.month, planned: line.planned, held: count)
            return PlanLineBody(id: line.id!, year: line.year, kind: kind.rawValue, kindLabel: kind.label, agencyID: line.agencyID,
                                agency: progress.agency, topic: line.topic, month: line.month, planned: line.planned, held: count,
                                behind: progress.isBehind(year: year, today: today))
        }
        let plan = PlanProgress(lines: bodies.map {
            PlanProgress.Line(kind: PlanKind(rawValue: $0.kind)!, agency: $0.agency, topic: $0.topic, month: $0.month, planned: $0.planned, held: $0.held)
        })
        let trainings = plan.months(.training), inspections = plan.months(.supervision)
        let months = (0..<12).map { index in
            MonthBody(month: index + 1, trainingsPlanned: trainings[index].planned, trainingsHeld: trainings[index].held,
                      inspectionsPlanned: inspections[index].planned, inspectionsHeld: inspections[index].held)
        }
        let agencies = plan.agencies(year: year, today: today).map { AgencyProgress(agency: $0.agency, planned: $0.planned, held: $0.held, behindLines: $0.behind) }
        let orgIDs = Array(scope.readableOrgIDs(.enforcementSupervision))
        let trainingsHeld = try await EnforcementTraining.query(on: db).filter(\.$org.$id ~~ orgIDs)
            .filter(\.$heldOn >= from).filter(\.$heldOn <= through).count()
        let inspectionsHeld = try await EnforcementInspection.query(on: db).filter(\.$org.$id ~~ orgIDs)
            .filter(\.$heldOn >= from).filter(\.$heldOn <= through).count()
        return Progress(year: year, lines: bodies, months: months, agencies: agencies, behind: bodies.filter(\.behind),
                        trainingsHeld: trainingsHeld, inspectionsHeld: inspectionsHeld)
    }

    static func agencyNames(_ ids: Set<UUID>, on db: Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await Org.query(on: db).filter(\.$id ~~ Array(ids)).all().map { ($0.id!, $0.name) })
    }

    // MARK: Trainings

    struct TrainingBody: Content {
        let id: UUID
        let heldOn: String
        let topic: String
        let attendees: Int
        let agencies: Int
        let planLineID: UUID?
    }

    struct TrainingList: Content {
        let year: Int
        let total: Int
        let page: Int
        let trainings: [TrainingBody]
        /// The agencies in scope none of whose officers attended a training this year.
        let untrained: [Agency]
    }

    static func trainings(_ scope: Scope, year: Int, paging: Paging, on db: Database) async throws -> TrainingList {
        let from = "\(year)-01-01", through = "\(year)-12-31"
        let query = scope.query(EnforcementTraining.self, on: db).filter(\.$heldOn >= from).filter(\.$heldOn <= through)
        let total = try await query.copy().count()
        let trainings = try await query.sort(\.$heldOn, .descending).sort(\.$id).range(paging.range).all()
        var agencyCounts: [UUID: Int] = [:]
        if !trainings.isEmpty {
            for row in try await TrainingAttendance.query(on: db).filter(\.$trainingID ~~ trainings.map { $0.id! }).all() {
                agencyCounts[row.trainingID, default: 0] += 1
            }
        }
        let agencies = try await EnforcementWork.agencies(scope, on: db)
        var trained: Set<UUID> = []
        let orgIDs = Array(scope.readableOrgIDs(.enforcementSupervision))
        if !orgIDs.isEmpty {
            let rows = try await db.sql.raw("""
                SELECT DISTINCT \(ident: "a").\(ident: "agency_id") AS \(ident: "agency") FROM \(ident: TrainingAttendance.schema) \(ident: "a") \
                JOIN \(ident: EnforcementTraining.schema) \(ident: "t") ON \(ident: "t").\(ident: "id") = \(ident: "a").\(ident: "training_id") \
                WHERE \(ident: "t").\(ident: "held_on") >= \(bind: from) AND \(ident: "t").\(ident: "held_on") <= \(bind: through) \
                AND \(ident: "t").\(ident: "org_id") IN (\(binds: orgIDs))
                """).all()
            trained = Set(try rows.map { try $0.decode(column: "agency", as: UUID.self) })
        }
        return TrainingList(
            year: year, total: total, page: paging.page,
            trainings: trainings.map {
                TrainingBody(id: $0.id!, heldOn: $0.heldOn, topic: $0.topic, attendees: $0.attendees, agencies: agencyCounts[$0.id!] ?? 0,
                             planLineID: $0.planLineID)
            },
            untrained: agencies.filter { !trained.contains($0.id!) }.map { Agency(id: $0.id!, name: $0.name) })
    }

    // MARK: Inspections and findings

    struct FindingBody: Content {
        let id: UUID
        let agencyID: UUID
        let agency: String
        let inspectionID: UUID
        let category: String
        let categoryLabel: String
        let description: String
        let noticeNumber: String
        let notifiedOn: String
        let dueOn: String
        let state: String
        let stateLabel: String
        let overdue: Bool
        /// The rectification deadline as the engine counted it: its rule and basis, status today and, on one finding's
        /// read, how it was counted (`explanation`), as every case deadline is shown.
        let deadline: CaseDeadlineBody
        let report: String?
        let reportedOn: String?
        let reviewedOn: String?
        let reviewComment: String?
    }

    /// `explained`: with how each deadline was counted (one finding's page and the API's answer for one finding).
    static func bodies(_ findings: [EnforcementFinding], today: CivilDate, clock: RectificationClock, explained: Bool = false, on db: Database)
        async throws -> [FindingBody] {
        let names = try await agencyNames(Set(findings.map(\.$org.id)), on: db)
        return findings.map { finding in
            let state = finding.rectification
            let deadline = CaseDeadlineBody(finding.deadline(catalogue: clock.catalogue), today: today, calendar: clock.calendar,
                                            explained: explained)
            return FindingBody(
                id: finding.id!, agencyID: finding.$org.id, agency: names[finding.$org.id] ?? "", inspectionID: finding.inspectionID,
                category: finding.category, categoryLabel: EnforcementSupervisionRules.categoryLabel(finding.category) ?? finding.category,
                description: finding.description, noticeNumber: finding.noticeNumber, notifiedOn: finding.notifiedOn, dueOn: finding.dueOn,
                state: state.rawValue, stateLabel: state.label,
                overdue: deadline.status == DeadlineStatus.overdue.rawValue, deadline: deadline,
                report: finding.report, reportedOn: finding.reportedOn, reviewedOn: finding.reviewedOn, reviewComment: finding.reviewComment)
        }
    }

    struct InspectionRow: Content {
        let id: UUID
        let kind: String
        let kindLabel: String
        let heldOn: String
        let topic: String
        let filesReviewed: Int
    }

    struct InspectionList: Content {
        let year: Int
        let total: Int
        let page: Int
        let inspections: [InspectionRow]
    }

    static func inspections(_ scope: Scope, year: Int, paging: Paging, on db: Database) async throws -> InspectionList {
        let query = scope.query(EnforcementInspection.self, on: db).filter(\.$heldOn >= "\(year)-01-01").filter(\.$heldOn <= "\(year)-12-31")
        let total = try await query.copy().count()
        let rows = try await query.sort(\.$heldOn, .descending).sort(\.$id).range(paging.range).all()
        return InspectionList(year: year, total: total, page: paging.page, inspections: rows.map {
            let kind = InspectionKind(rawValue: $0.kind) ?? .special
            return InspectionRow(id: $0.id!, kind: kind.rawValue, kindLabel: kind.label, heldOn: $0.heldOn, topic: $0.topic, filesReviewed: $0.filesReviewed)
        })
    }

    struct InspectionBody: Content {
        let id: UUID
        let kind: String
        let kindLabel: String
        let heldOn: String
        let topic: String
        let filesReviewed: Int
        let participants: String
        let planLineID: UUID?
        let agencies: [Agency]
        let supervisors: [String]
        let findings: [FindingBody]
    }

    static func inspection(_ scope: Scope, _ id: UUID?, today: CivilDate, clock: RectificationClock, on db: Database) async throws -> InspectionBody {
        let inspection = try await scope.find(EnforcementInspection.self, id, on: db)
        let agencyIDs = try await InspectedAgency.query(on: db).filter(\.$inspectionID == inspection.id!).all().map(\.agencyID)
        let names = try await agencyNames(Set(agencyIDs), on: db)
        let supervisors = try await InspectionSupervisor.query(on: db).filter(\.$inspectionID == inspection.id!).sort(\.$name).all().map(\.name)
        let findings = try await EnforcementFinding.query(on: db).filter(\.$inspectionID == inspection.id!).sort(\.$noticeNumber).all()
        let kind = InspectionKind(rawValue: inspection.kind) ?? .special
        return InspectionBody(
            id: inspection.id!, kind: kind.rawValue, kindLabel: kind.label, heldOn: inspection.heldOn, topic: inspection.topic,
            filesReviewed: inspection.filesReviewed, participants: inspection.participants, planLineID: inspection.planLineID,
            agencies: agencyIDs.map { Agency(id: $0, name: names[$0] ?? "") }.sorted { $0.name < $1.name }, supervisors: supervisors,
            findings: try await bodies(findings, today: today, clock: clock, on: db))
    }

    /// The rectification queues: overdue (a report still owed after the deadline), open (a report owed), reported
    /// (awaiting the office's acceptance), accepted, all.
    static let queues: [(code: String, label: String)] = [
        ("overdue", "逾期未整改"), ("open", "待整改"), ("reported", "待验收"), ("accepted", "已验收"), ("all", "全部"),
    ]

    struct Queue: Content {
        let queue: String
        let total: Int
        let page: Int
        let findings: [FindingBody]
    }

    /// Overdue is an indexed range of the due day the engine stored (`state`, `due_on`).
    static func queue(_ scope: Scope, _ queue: String, today: CivilDate, clock: RectificationClock, paging: Paging, on db: Database) async throws -> Queue {
        guard queues.contains(where: { $0.code == queue }) else {
            throw QueryParameterError(field: "queue", message: "队列须为：" + queues.map { "\($0.code)（\($0.label)）" }.joined(separator: "、"))
        }
        let owed = [RectificationState.notified.rawValue, RectificationState.returned.rawValue]
        var query = scope.query(EnforcementFinding.self, on: db)
        switch queue {
        case "overdue": query = query.filter(\.$state ~~ owed).filter(\.$dueOn < today.description)
        case "open": query = query.filter(\.$state ~~ owed)
        case "reported": query = query.filter(\.$state == RectificationState.reported.rawValue)
        case "accepted": query = query.filter(\.$state == RectificationState.accepted.rawValue)
        default: break
        }
        let total = try await query.copy().count()
        let rows = try await query.sort(\.$dueOn).sort(\.$noticeNumber).range(paging.range).all()
        return Queue(queue: queue, total: total, page: paging.page, findings: try await bodies(rows, today: today, clock: clock, on: db))
    }
}
