import FazhiCore
import Foundation

/// What a template reads to write a document: the case, its dossier, the names on it, the issuing organ.
struct InstrumentContext<Dossier: Sendable>: Sendable {
    let caseNumber: String
    let dossier: Dossier
    /// The agency on the other side (respondent, defendant).
    let agencyName: String
    /// Parties by role (`applicant`, `thirdParty`, …), full names and addresses as printed on documents.
    let parties: [(role: String, name: String, address: String?)]
    /// The organ in whose name the document is issued, e.g. 河东区人民政府.
    let organ: String
    let today: CivilDate
    /// Line detail fields the templates need (act, request …).
    let fields: [String: String]

    func names(_ role: String) -> String {
        parties.filter { $0.role == role }.map(\.name).joined(separator: "、")
    }
}

/// One kind of formal document of a line (RULES.md §3 "Documents"): when it can be issued, and its text.
struct InstrumentTemplate<Dossier: Sendable>: Sendable {
    let kind: String
    let title: String
    /// Whether the case's dossier allows this document now (e.g. a decision only once decided).
    let isAvailable: @Sendable (Dossier) -> Bool
    let addressee: @Sendable (InstrumentContext<Dossier>) -> String?
    let body: @Sendable (InstrumentContext<Dossier>) -> [OfficialDocument.Block]

    func document(_ context: InstrumentContext<Dossier>) -> OfficialDocument {
        OfficialDocument(kind: title, organ: context.organ, number: context.caseNumber, addressee: addressee(context),
                         body: body(context),
                         closing: .init(organ: context.organ, date: .init(year: context.today.year, month: context.today.month,
                                                                          day: context.today.day), sealNote: "（印章）"),
                         copyTo: [], note: nil)
    }
}
