import Fluent
import FazhiCore
import Vapor

/// A deadline derived from a case's events, persisted with its due date so "due soon" and "overdue" are
/// indexed queries. Rewritten whenever the case's events or the calendar change.
final class CaseDeadlineRecord: Model, @unchecked Sendable {
    static let schema = "case_deadlines"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: CaseRecord
    /// Denormalised from the case so deadline queues are scoped without a join.
    @Field(key: "org_id") var orgID: UUID
    /// Denormalised from the case: the tenancy key the queue index starts with.
    @OptionalField(key: "bureau_id") var bureauID: UUID?
    @Enum(key: "line") var line: WorkLine
    @Field(key: "rule_key") var ruleKey: String
    @Field(key: "title") var title: String
    @Field(key: "basis") var basis: String
    @Enum(key: "kind") var kind: DeadlineKind
    @Field(key: "start_on") var startOn: String
    @Field(key: "due_on") var dueOn: String
    @Field(key: "provisional") var provisional: Bool
    @Field(key: "paused") var paused: Bool
    @OptionalField(key: "completed_on") var completedOn: String?
    @Field(key: "explanation") var explanation: String

    init() {}

    init(_ deadline: CaseDeadline, of record: CaseRecord) {
        self.$caseRecord.id = record.id!
        self.orgID = record.$org.id
        self.bureauID = record.bureauID
        self.line = record.line
        self.ruleKey = deadline.ruleKey
        self.title = deadline.title
        self.basis = deadline.basis
        self.kind = deadline.kind
        self.startOn = deadline.start.description
        self.dueOn = deadline.due.description
        self.provisional = deadline.provisional
        self.paused = deadline.paused
        self.completedOn = deadline.completedOn?.description
        self.explanation = deadline.explanation.joined(separator: "\n")
    }

    var deadline: CaseDeadline { deadline(explained: true) }

    /// The deadline; `explained: false` for a row read without its explanation column (a list's query).
    func deadline(explained: Bool) -> CaseDeadline {
        CaseDeadline(ruleKey: ruleKey, title: title, basis: basis, kind: kind, start: CivilDate(string: startOn)!,
                     due: CivilDate(string: dueOn)!, provisional: provisional, paused: paused,
                     completedOn: completedOn.flatMap(CivilDate.init(string:)),
                     explanation: !explained || explanation.isEmpty ? [] : explanation.components(separatedBy: "\n"))
    }
}

extension CaseDeadlineRecord: BatchRow {
    var batchProperties: [any AnyDatabaseProperty] { [$id, $caseRecord, $orgID, $bureauID, $line, $ruleKey, $title, $basis, $kind, $startOn, $dueOn, $provisional, $paused, $completedOn, $explanation] }
}
