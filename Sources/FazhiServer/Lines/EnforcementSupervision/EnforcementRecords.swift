import Fluent
import FazhiCore
import Vapor

/// One line of the year's double plan (双计划): so many training sessions or supervision inspections for one agency,
/// on one topic, in one month. Set by the office at the start of the year; trainings and inspections are matched to it.
final class EnforcementPlanLine: Model, OrgOwned, @unchecked Sendable {
    static let schema = "enforcement_plan_lines"
    static let orgKey = \EnforcementPlanLine.$org.$id
    static let bureauKey: KeyPath<EnforcementPlanLine, OptionalFieldProperty<EnforcementPlanLine, UUID>>? = \EnforcementPlanLine.$bureauID
    static let line: WorkLine? = .enforcementSupervision

    @ID(key: .id) var id: UUID?
    /// The office that set the plan.
    @Parent(key: "org_id") var org: Org
    /// The tenancy key: the org's bureau, filled by the database (`TenancyKeyColumn`).
    @OptionalField(key: "bureau_id") var bureauID: UUID?
    @Field(key: "year") var year: Int
    /// `PlanKind`: training or supervision.
    @Field(key: "kind") var kind: String
    @Field(key: "agency_id") var agencyID: UUID
    @Field(key: "topic") var topic: String
    @Field(key: "month") var month: Int
    @Field(key: "planned") var planned: Int
    @Field(key: "created_by") var createdBy: String

    init() {}
}

/// An enforcement training session held (行政执法培训, REPORT.md `enforcement.trainings`), with its attendees per agency.
final class EnforcementTraining: Model, OrgOwned, @unchecked Sendable {
    static let schema = "enforcement_trainings"
    static let orgKey = \EnforcementTraining.$org.$id
    static let bureauKey: KeyPath<EnforcementTraining, OptionalFieldProperty<EnforcementTraining, UUID>>? = \EnforcementTraining.$bureauID
    static let line: WorkLine? = .enforcementSupervision

    @ID(key: .id) var id: UUID?
    @Parent(key: "org_id") var org: Org
    /// The tenancy key: the org's bureau, filled by the database (`TenancyKeyColumn`).
    @OptionalField(key: "bureau_id") var bureauID: UUID?
    @OptionalField(key: "plan_line_id") var planLineID: UUID?
    /// YYYY-MM-DD.
    @Field(key: "held_on") var heldOn: String
    @Field(key: "topic") var topic: String
    /// The attendees of every agency together.
    @Field(key: "attendees") var attendees: Int
    @Field(key: "created_by") var createdBy: String

    init() {}
}

extension EnforcementTraining: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] { [$id, $org, $bureauID, $planLineID, $heldOn, $topic, $attendees, $createdBy] }
}

/// How many officers of one agency attended a training.
final class TrainingAttendance: Model, @unchecked Sendable {
    static let schema = "enforcement_training_attendances"

    @ID(key: .id) var id: UUID?
    @Field(key: "training_id") var trainingID: UUID
    @Field(key: "agency_id") var agencyID: UUID
    @Field(key: "attendees") var attendees: Int

    init() {}
}

extension TrainingAttendance: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] { [$id, $trainingID, $agencyID, $attendees] }
}

/// A supervision inspection held (专项监督 or 联合监督, REPORT.md `enforcement.supervisions`): the agencies inspected,
/// the enforcement files reviewed, who took part, and its findings (`EnforcementFinding`).
final class EnforcementInspection: Model, OrgOwned, @unchecked Sendable {
    static let schema = "enforcement_inspections"
    static let orgKey = \EnforcementInspection.$org.$id
    static let bureauKey: KeyPath<EnforcementInspection, OptionalFieldProperty<EnforcementInspection, UUID>>? = \EnforcementInspection.$bureauID
    static let line: WorkLine? = .enforcementSupervision

    @ID(key: .id) var id: UUID?
    @Parent(key: "org_id") var org: Org
    /// The tenancy key: the org's bureau, filled by the database (`TenancyKeyColumn`).
    @OptionalField(key: "bureau_id") var bureauID: UUID?
    @OptionalField(key: "plan_line_id") var planLineID: UUID?
    /// `InspectionKind`.
    @Field(key: "kind") var kind: String
    @Field(key: "held_on") var heldOn: String
    @Field(key: "topic") var topic: String
    @Field(key: "files_reviewed") var filesReviewed: Int
    /// The other participants (officers, invited bodies), as written.
    @Field(key: "participants") var participants: String
    @Field(key: "created_by") var createdBy: String

    init() {}
}

extension EnforcementInspection: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] { [$id, $org, $bureauID, $planLineID, $kind, $heldOn, $topic, $filesReviewed, $participants, $createdBy] }
}

/// An agency inspected in an inspection.
final class InspectedAgency: Model, @unchecked Sendable {
    static let schema = "enforcement_inspected_agencies"

    @ID(key: .id) var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "agency_id") var agencyID: UUID

    init() {}
}

extension InspectedAgency: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] { [$id, $inspectionID, $agencyID] }
}

/// An entrepreneur supervisor (from the register `enforcement.entrepreneurSupervisor`) who joined an inspection: one
/// participation (人次, REPORT.md `enforcement.entrepreneur_supervisor_participations`).
final class InspectionSupervisor: Model, @unchecked Sendable {
    static let schema = "enforcement_inspection_supervisors"

    @ID(key: .id) var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "supervisor_id") var supervisorID: UUID
    @Field(key: "name") var name: String

    init() {}
}

extension InspectionSupervisor: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] { [$id, $inspectionID, $supervisorID, $name] }
}

/// A problem an inspection found at one agency, and its rectification: the notice (整改通知书) with its number and
/// deadline, the agency's report, the office's acceptance. Belongs to the agency, so the agency sees its own.
final class EnforcementFinding: Model, OrgOwned, @unchecked Sendable {
    static let schema = "enforcement_findings"
    static let orgKey = \EnforcementFinding.$org.$id
    static let bureauKey: KeyPath<EnforcementFinding, OptionalFieldProperty<EnforcementFinding, UUID>>? = \EnforcementFinding.$bureauID
    static let line: WorkLine? = .enforcementSupervision

    @ID(key: .id) var id: UUID?
    /// The agency the finding is about.
    @Parent(key: "org_id") var org: Org
    /// The tenancy key: the org's bureau, filled by the database (`TenancyKeyColumn`).
    @OptionalField(key: "bureau_id") var bureauID: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    /// A code of `EnforcementSupervisionRules.findingCategories`.
    @Field(key: "category") var category: String
    @Field(key: "description") var description: String
    /// 东执监整改〔2025〕12号
    @Field(key: "notice_number") var noticeNumber: String
    @Field(key: "notified_on") var notifiedOn: String
    /// The rectification deadline as the deadline engine counted it (`RectificationDeadline`): the due day, the rule
    /// (`enforcement.rectification`, or `enforcement.rectificationRedo` after a return), the day and the days it runs
    /// from, whether a year without holiday data was involved, and how it was counted — kept so the queues are indexed
    /// queries and recounted when the calendar changes.
    @Field(key: "due_on") var dueOn: String
    @Field(key: "due_rule_key") var dueRuleKey: String
    @Field(key: "due_start_on") var dueStartOn: String
    @Field(key: "due_days") var dueDays: Int
    @Field(key: "due_provisional") var dueProvisional: Bool
    @Field(key: "due_explanation") var dueExplanation: String
    /// `RectificationState`.
    @Field(key: "state") var state: String
    @OptionalField(key: "report") var report: String?
    @OptionalField(key: "reported_on") var reportedOn: String?
    @OptionalField(key: "reviewed_on") var reviewedOn: String?
    @OptionalField(key: "review_comment") var reviewComment: String?

    init() {}

    var rectification: RectificationState { RectificationState(rawValue: state) ?? .notified }

    /// Keeps the deadline the engine counted.
    func keep(_ counted: RectificationDeadline) {
        dueOn = counted.deadline.due.description
        dueRuleKey = counted.deadline.ruleKey
        dueStartOn = counted.deadline.start.description
        dueDays = counted.days
        dueProvisional = counted.deadline.provisional
        dueExplanation = counted.deadline.explanation.joined(separator: "\n")
    }

    /// The stored deadline, met once the agency has reported (and open again when the report is returned).
    func deadline(catalogue: DeadlineCatalogue) -> CaseDeadline {
        let rule = (try? catalogue.rule(dueRuleKey)) ?? EnforcementSupervisionRules.rectificationRule
        return CaseDeadline(ruleKey: dueRuleKey, title: rule.title, basis: rule.unverified ? "\(rule.basis)（期限待核实）" : rule.basis, kind: rule.kind,
                            start: CivilDate(string: dueStartOn) ?? CivilDate(string: notifiedOn)!, due: CivilDate(string: dueOn)!,
                            provisional: dueProvisional,
                            completedOn: rectification.awaitsReport ? nil : reportedOn.flatMap(CivilDate.init(string:)),
                            explanation: dueExplanation.isEmpty ? [] : dueExplanation.components(separatedBy: "\n"))
    }
}

extension EnforcementFinding: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] {
        [$id, $org, $bureauID, $inspectionID, $category, $description, $noticeNumber, $notifiedOn, $dueOn, $dueRuleKey, $dueStartOn, $dueDays,
         $dueProvisional, $dueExplanation, $state, $report, $reportedOn, $reviewedOn, $reviewComment]
    }
}
