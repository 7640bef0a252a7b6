import FazhiCore
import FazhiOffice
import Foundation

/// What a template reads to write a document: the case, its dossier, the names on it, the issuing organ.
struct InstrumentContext<Dossier: Sendable>: Sendable {
    let caseNumber: String
    let dossier: Dossier
    /// The agency on the other side (respondent, defendant).
    let agencyName: String
    /// Parties by role (`applicant`, `thirdParty`, …), in full as printed on documents (downloads are restricted to
    /// those who may reveal them, and audited).
    let parties: [InstrumentParty]
    /// The organ in whose name the document is issued, e.g. 河东区人民政府.
    let organ: String
    let today: CivilDate
    /// Line detail fields the templates need (act, request …).
    let fields: [String: String]
    /// What the officer wrote for the document's sections, by key (`InstrumentTemplate.sections`).
    var sections: [String: String] = [:]

    func names(_ role: String) -> String {
        parties.filter { $0.role == role }.map(\.name).joined(separator: "、")
    }
}

/// A party as a document names it: in full, with the particulars the model texts print after the name.
struct InstrumentParty: Sendable {
    let role: String
    /// `person` or `organisation`.
    let kind: String
    let name: String
    let idNumber: String?
    let creditCode: String?
    let address: String?
    /// An organisation's legal representative, printed on its own line under it.
    var legalRepresentative: String? = nil

    /// "张三，男，1985年3月15日出生，公民身份号码120102198503150011，住址：天津市河东区……" for a person (sex and birth
    /// date read from the ID number, GB 11643); "某公司，统一社会信用代码……，住所地：……" for an organisation.
    var particulars: String {
        var parts = [name]
        if kind == "organisation" {
            if let creditCode { parts.append("统一社会信用代码\(creditCode)") }
        } else if let idNumber, let id = try? IDNumber(idNumber) {
            parts += [id.isMale ? "男" : "女", "\(id.birthDate.chinese)出生", "公民身份号码\(id.value)"]
        }
        if let address { parts.append((kind == "organisation" ? "住所地：" : "住址：") + address) }
        return parts.joined(separator: "，")
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
    /// The parts the officer writes (经审理查明, 本机关认为 …), saved with the case as a versioned draft; the document
    /// is generated only when every required one is written.
    var sections: [InstrumentSection] = []
    /// Whom the document is served on, by party role (`agency` for the agency): each issued version is due to be served
    /// on every recipient of these roles the case has, and the documents page lists who is still waiting for it.
    var servedOn: [String] = []

    /// The required sections `written` leaves empty.
    func missing(in written: [String: String]) -> [InstrumentSection] {
        sections.filter { $0.required && (written[$0.key] ?? "").isEmpty }
    }

    func document(_ context: InstrumentContext<Dossier>) -> OfficialDocument {
        OfficialDocument(kind: title, organ: context.organ, number: context.caseNumber, addressee: addressee(context),
                         body: body(context),
                         closing: .init(organ: context.organ, date: .init(context.today), sealNote: "（印章）"),
                         copyTo: [], note: nil)
    }
}
