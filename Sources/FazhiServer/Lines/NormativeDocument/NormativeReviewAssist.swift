import Fluent
import FazhiCore
import Vapor

/// The assisted review on a legality review's page: the documents in force the draft most resembles (shared grams), the
/// ones it may conflict with (the same agency's documents on the same subject), and the draft's sentences that create
/// penalties, licences, fees or compulsory measures (`ReviewFlag`), each flag linked to its sentence in the draft shown
/// below. Read from the district's register (published documents) when the page is drawn.
enum NormativeReviewAssist {
    struct Assist: Content {
        struct Similar: Content {
            let id: UUID
            let number: String
            let title: String
            let agency: String
            let similarity: Int
            let sameAgency: Bool
        }

        struct Flag: Content {
            let sentence: Int
            let category: String
            let words: [String]
            let text: String
        }

        let similar: [Similar]
        let conflicts: [Similar]
        let flags: [Flag]
        let sentences: [String]
    }

    static func assist(_ db: Database, record: CaseRecord, dossier: NormativeDocumentDossier) async throws -> Assist {
        let text = try await NormativeReviewDraft.query(on: db).filter(\.$caseRecord.$id == record.id!).first()?.text ?? ""
        let agency = try await record.$org.get(on: db)
        // The district's register: the orgs under the agency's bureau.
        var district: [UUID] = [agency.id!]
        if let parent = try await agency.$parent.get(on: db) {
            district = try await Org.query(on: db).filter(\.$path =~ parent.path).all().compactMap(\.id)
        }
        let similar = try await NormativeDocumentIndex.similar(to: dossier.title + "\n" + text, among: district, limit: 8, on: db)
        let rows = similar.map { entry in
            Assist.Similar(id: entry.document.id!, number: entry.document.number, title: entry.document.title, agency: entry.document.agencyName,
                           similarity: Int((entry.similarity * 100).rounded()), sameAgency: entry.document.$org.id == agency.id)
        }
        // Same agency and same subject: the titles share most of their grams, or the texts overlap markedly.
        let titleGrams = Set(BigramText.grams(of: dossier.title).keys)
        let sameAgency = try await NormativeDocumentRecord.query(on: db).filter(\.$org.$id == agency.id!)
            .filter(\.$status == NormativeDocumentStatus.inForce.rawValue).field(\.$id).field(\.$number).field(\.$title).field(\.$agencyName)
            .limit(2_000).all()
        var conflicts = rows.filter { $0.sameAgency && $0.similarity >= 20 }
        for document in sameAgency where !conflicts.contains(where: { $0.id == document.id }) {
            let overlap = BigramText.similarity(titleGrams, Set(BigramText.grams(of: document.title).keys))
            if overlap >= 0.3 {
                conflicts.append(Assist.Similar(id: document.id!, number: document.number, title: document.title, agency: document.agencyName,
                                                similarity: Int((overlap * 100).rounded()), sameAgency: true))
            }
        }
        let flags = ReviewFlag.flags(in: text).map { Assist.Flag(sentence: $0.sentence, category: $0.category.label, words: $0.words, text: $0.text) }
        return Assist(similar: Array(rows.prefix(5)), conflicts: Array(conflicts.prefix(8)), flags: flags, sentences: ReviewFlag.sentences(of: text))
    }

    static func panels(_ db: Database, record: CaseRecord, dossier: NormativeDocumentDossier) async throws -> [Markup] {
        let assist = try await assist(db, record: record, dossier: dossier)
        let flagged = Set(assist.flags.map(\.sentence))
        func documentRows(_ rows: [Assist.Similar]) -> [[Markup]] {
            rows.map { row in [el("a", .href("/normative-documents/\(row.id)")) { row.number }, .text(row.title), .text(row.agency), .text("\(row.similarity)%")] }
        }
        return [
            el("section", .class("card"), .id("assist")) {
                el("h2") { "辅助审查" }
                dataTable(caption: "最相似的现行有效文件（共有双字词占比）", headers: ["文号", "文件名称", "制定机关", "相似度"],
                          rows: documentRows(assist.similar), empty: "文件库中没有相似的现行有效文件")
                dataTable(caption: "可能冲突的文件（同一制定机关、同一事项）", headers: ["文号", "文件名称", "制定机关", "相似度"],
                          rows: documentRows(assist.conflicts), empty: "未发现同一制定机关就同一事项的现行有效文件")
                dataTable(caption: "须核对上位法授权的条款（处罚、许可、收费、强制）", headers: ["类别", "关键词", "条款"],
                          rows: assist.flags.map { flag in [badge(flag.category, tone: "warn"), .text(flag.words.joined(separator: "、")),
                                                            el("a", .href("#s-\(flag.sentence)")) { String(flag.text.prefix(60)) + (flag.text.count > 60 ? "…" : "") }] },
                          empty: "草案中未发现设定处罚、许可、收费、强制措施的表述")
            },
            el("section", .class("card"), .id("draft")) {
                el("h2") { "草案全文" }
                if assist.sentences.isEmpty { el("p") { "未提交草案全文" } }
                for (index, sentence) in assist.sentences.enumerated() {
                    el("p", .id("s-\(index)"), .class(flagged.contains(index) ? "flagged" : "")) { sentence }
                }
            },
        ]
    }
}
