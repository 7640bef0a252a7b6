import Fluent
import FluentSQL
import FazhiCore
import Vapor

/// 谁执法谁普法 as work: an agency submits its duty report for the year (text and an optional file), the publicity office
/// — one who acts in the line above the agency — reviews it with a score and comments, and the agencies are ranked by
/// score. A report's year is its own (`year`), never the day it was reviewed: the ranking — here and on the publicity
/// overview — reads the reports by it. The review also writes the `publicity.dutyReport` ledger entry (the reviewing
/// office's, titled with the agency's name, with the report's year) in its transaction, so the office's books keep a row
/// per review.
enum DutyReports {
    /// A signed report as PDF or Word.
    static let fileTypes: [UploadType] = [.pdf, .docx]

    /// The submission as posted (multipart on the page and the API: the text fields and the optional `file`).
    struct SubmitInput: Content {
        var orgID: String?
        var year: String?
        var title: String?
        var text: String?
        var file: File?
    }

    struct ReviewInput: Content {
        var score: Int?
        var comments: String?
    }

    /// One report as listed and shown.
    struct Listed: Content {
        let id: UUID
        let agencyID: UUID
        let agency: String
        let year: Int
        let title: String
        let submittedOn: String
        let submittedBy: String
        let fileName: String?
        let reviewedOn: String?
        let score: Int?
        let comments: String?
        /// Among the year's reviewed reports, by score; nil until reviewed.
        let rank: Int?
    }

    struct Detail: Content {
        let report: Listed
        let text: String
        /// Where the file downloads, if one was attached.
        let fileURL: String?
    }

    /// The year's reports within the scope: reviewed ones ranked by score, then those awaiting review, and the agencies
    /// in the scope that have submitted none.
    struct Ranking: Content {
        let year: Int
        let ranked: [Listed]
        let awaitingReview: [Listed]
        let notSubmitted: [String]
    }

    // MARK: Writing

    /// Stores the agency's report for the year, or replaces it while it awaits review (a resubmission without a file keeps
    /// the one before); refused on `year` once reviewed, and on `orgID` when the office would overwrite the agency's own
    /// (`DutyReportRules.replacement`).
    static func submit(_ submission: DutyReportRules.Submission, file: (name: String, type: UploadType, data: Data)?, agency: Org,
                       by submitter: DutyReportRules.Submitter, on day: CivilDate, actor: AuditActor, on db: Database) async throws -> DutyReport {
        try await db.transaction { tx in
            let existing = try await DutyReport.query(on: tx).filter(\.$org.$id == agency.id!).filter(\.$year == submission.year).first()
            if let existing, existing.isReviewed {
                throw FieldError(field: "year", message: "\(agency.name)\(submission.year)年度的履职报告已评议，不能再修改")
            }
            try DutyReportRules.replacement(of: existing?.submitter, by: submitter, agency: agency.name, year: submission.year)
            let before = existing.map(audited)
            let report = existing ?? DutyReport()
            if existing == nil {
                report.id = UUID()
                report.$org.id = agency.id!
                report.year = submission.year
            }
            report.title = submission.title
            report.text = submission.text
            report.submittedOn = day.description
            report.submittedBy = actor.name
            report.enteredByOffice = submitter == .office
            if let file {
                report.fileName = String(file.name.suffix(200))
                report.fileType = file.type.contentType
                report.fileData = file.data
            }
            try await report.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: existing == nil ? "submit" : "resubmit", entityType: "dutyReport",
                                      entityID: report.id!.uuidString, before: before, after: audited(report))
            return report
        }
    }

    /// Records the office's review of a submitted report and the ledger entry of the office's books, in one transaction;
    /// refused on `score` when already reviewed. The review is one conditional update (`… WHERE reviewed_on IS NULL`), so
    /// of two reviews at once one is stored and the other refused, on PostgreSQL as on SQLite.
    static func review(_ review: DutyReportRules.Review, of reportID: UUID, office: UUID, on day: CivilDate, actor: AuditActor,
                       on db: Database) async throws {
        try await db.transaction { tx in
            guard let report = try await DutyReport.find(reportID, on: tx), let agency = try await Org.find(report.$org.id, on: tx) else {
                throw Abort(.notFound)
            }
            guard !report.isReviewed else { throw FieldError(field: "score", message: "该履职报告已于\(report.reviewedOn ?? "")评议") }
            let before = audited(report)
            let updated = try await tx.sql.update(DutyReport.schema)
                .set("reviewed_on", to: day.description).set("score", to: review.score).set("comments", to: review.comments)
                .set("reviewed_by", to: actor.name)
                .where("id", .equal, reportID).where("reviewed_on", .is, SQLLiteral.null)
                .returning("id").all()
            guard !updated.isEmpty else {
                let stored = try await DutyReport.find(reportID, on: tx)
                throw FieldError(field: "score", message: "该履职报告已于\(stored?.reviewedOn ?? day.description)评议")
            }
            report.reviewedOn = day.description
            report.score = review.score
            report.comments = review.comments
            report.reviewedBy = actor.name
            let kind = PublicityBooks.dutyReports
            let values = ["occurredOn": day.description, "title": agency.name, "year": String(report.year), "score": String(review.score),
                          "comments": review.comments]
            let writer = BookWriter(db: tx, kind: kind, org: office, actor: actor)
            let row = SheetValidator.Row(number: 1, values: values, naturalKey: kind.naturalKey(of: values))
            guard try await !writer.exists(row.naturalKey) else {
                throw FieldError(field: "score", message: "\(day)已登记过\(agency.name)\(report.year)年度的评议（\(kind.name)台账）")
            }
            _ = try await writer.insert([row], importID: nil)
            try await AuditLog.record(on: tx, actor: actor, action: "review", entityType: "dutyReport", entityID: reportID.uuidString,
                                      before: before, after: audited(report))
        }
    }

    private static func audited(_ report: DutyReport) -> [String: String] {
        var values = ["org": report.$org.id.uuidString, "year": String(report.year), "title": report.title, "text": report.text,
                      "submittedOn": report.submittedOn]
        values["file"] = report.fileName
        values["reviewedOn"] = report.reviewedOn
        values["score"] = report.score.map(String.init)
        values["comments"] = report.comments
        return values
    }

    // MARK: Reading

    /// The reports of the year within the scope, without their files' bytes.
    static func ranking(_ scope: Scope, year: Int, on db: Database) async throws -> Ranking {
        let reports = try await listed(scope.query(DutyReport.self, on: db).filter(\.$year == year), on: db)
        let reviewed = reports.filter { $0.score != nil }
            .sorted { ($0.score!, $1.agency) > ($1.score!, $0.agency) }
        let ranks = DutyReportRules.ranks(reviewed.map { $0.score! })
        let ranked = zip(reviewed, ranks).map { report, rank in report.ranked(rank) }
        let readable = Array(scope.readableOrgIDs(.publicity))
        let agencies = readable.isEmpty ? [] : try await Org.query(on: db).filter(\.$id ~~ readable).filter(\.$kind == .agency)
            .filter(\.$active == true).sort(\.$code).all()
        let submitted = Set(reports.map(\.agencyID))
        return Ranking(year: year, ranked: ranked, awaitingReview: reports.filter { $0.score == nil }.sorted { $0.agency < $1.agency },
                       notSubmitted: agencies.filter { !submitted.contains($0.id!) }.map(\.name))
    }

    /// One report within the scope (404 otherwise), with its text.
    static func detail(_ scope: Scope, _ id: UUID?, on db: Database) async throws -> (Detail, DutyReport) {
        let report = try await scope.find(DutyReport.self, id, on: db)
        let listed = try await listed(scope.query(DutyReport.self, on: db).filter(\.$id == report.id!), on: db)[0]
        return (Detail(report: listed, text: report.text, fileURL: report.fileName == nil ? nil : "/publicity/duty-reports/\(report.id!)/file"),
                report)
    }

    private static func listed(_ query: QueryBuilder<DutyReport>, on db: Database) async throws -> [Listed] {
        // Every column but the file's bytes.
        let rows = try await query.field(\.$id).field(\.$org.$id).field(\.$year).field(\.$title).field(\.$text).field(\.$submittedOn)
            .field(\.$submittedBy).field(\.$fileName).field(\.$fileType).field(\.$reviewedOn).field(\.$score).field(\.$comments)
            .field(\.$reviewedBy).all()
        let orgIDs = Array(Set(rows.map(\.$org.id)))
        let names = orgIDs.isEmpty ? [:] : Dictionary(try await Org.query(on: db).filter(\.$id ~~ orgIDs).all().map { ($0.id!, $0.name) },
                                                      uniquingKeysWith: { first, _ in first })
        return rows.map { report in
            Listed(id: report.id!, agencyID: report.$org.id, agency: names[report.$org.id] ?? "", year: report.year, title: report.title,
                   submittedOn: report.submittedOn, submittedBy: report.submittedBy, fileName: report.fileName, reviewedOn: report.reviewedOn,
                   score: report.score, comments: report.comments, rank: nil)
        }
    }
}

extension DutyReports.Listed {
    func ranked(_ rank: Int) -> Self {
        .init(id: id, agencyID: agencyID, agency: agency, year: year, title: title, submittedOn: submittedOn, submittedBy: submittedBy,
              fileName: fileName, reviewedOn: reviewedOn, score: score, comments: comments, rank: rank)
    }
}
