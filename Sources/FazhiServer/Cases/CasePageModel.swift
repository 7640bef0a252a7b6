import FazhiCore
import Foundation

/// One case's page as plain values, the same for every line once the line has said its facts, its warning and the
/// events its rules allow now: built by `CasePages.model`, drawn by `CasePageView`; tests read the model.
struct CasePageModel {
    /// A line of the facts list: label and text.
    struct Fact: Equatable {
        let label: String
        let value: String
    }

    let record: CaseRecord
    /// The line's pages, e.g. `/<line code>`: every form of the page posts under it.
    let base: String
    /// A warning shown above the facts (e.g. a late application).
    let warning: String?
    let facts: [Fact]
    let handlerName: String?
    let deadlines: [CaseDeadlineBody]
    /// The line's own sections (`CasePages.panels`).
    let panels: [Markup]
    /// Whether the viewer acts in the case, and the forms of the events the rules allow now (empty when not).
    let canAct: Bool
    let actions: [CaseViews.Action]
    let instruments: [InstrumentRecord]
    /// The documents the viewer may issue now: kind and title.
    let issuable: [(kind: String, title: String)]
    /// The titles of the documents the case's state calls for that no version has been issued of yet (a decided case
    /// without its decision), for every viewer.
    let unissued: [String]
    /// Issued documents still to be served, as "《title》：recipient" (`DocumentsDue`).
    let unserved: [String]
    /// The documents the viewer may issue now that have sections to write first (kind, title): links to their drafts.
    let writable: [(kind: String, title: String)]
    /// Whether the viewer names the handler, and whom they may name (id, name).
    let canAssign: Bool
    let handlers: [(String, String)]
    let attachments: [AttachmentRecord]
    let parties: [PartyView]
    /// Whether the parties' particulars are shown in full (a request to reveal, audited).
    let revealed: Bool
    let events: [CaseEventBody]

    var caseID: UUID { record.id! }
    var title: String { "\(record.caseNumber) \(record.title)" }
}
