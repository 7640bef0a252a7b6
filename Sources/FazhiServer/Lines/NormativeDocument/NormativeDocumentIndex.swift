import Fluent
import FazhiCore
import SQLKit
import Vapor

/// The register's full-text index on either database, without a search server (`BigramText`): the grams of each
/// document with their counts, written in the transaction that writes the text. A search intersects the query's grams
/// in SQL, confirms each phrase that more than one gram spells in the normalised text (`LIKE`, only over the documents
/// holding every gram), ranks title matches first and then by how often the rarest-counted gram occurs, and pages.
enum NormativeDocumentIndex {
    static let table = "normative_document_grams"

    /// Rows per insert statement (three values each, within every database's limit on bound values).
    static let batch = 300

    /// Replaces the document's grams with those of `text`; returns how many distinct grams it has.
    @discardableResult
    static func write(_ documentID: UUID, text: String, on db: Database) async throws -> Int {
        let sql = try db.sql
        try await sql.delete(from: table).where("document_id", .equal, documentID).run()
        let grams = BigramText.grams(of: text).sorted { $0.key < $1.key }
        for start in stride(from: 0, to: grams.count, by: batch) {
            var insert = sql.insert(into: table).columns("document_id", "gram", "n")
            for (gram, count) in grams[start..<min(grams.count, start + batch)] {
                insert = insert.values(SQLBind(documentID), SQLBind(gram), SQLBind(count))
            }
            try await insert.run()
        }
        return grams.count
    }

    struct Filters: Sendable {
        var orgIDs: [UUID]
        var agency: UUID?
        var status: NormativeDocumentStatus?
        var year: Int?
    }

    struct Hit: Content {
        struct Piece: Content {
            let text: String
            let match: Bool
        }

        let id: UUID
        let number: String
        let title: String
        let agency: String
        let status: String
        let statusLabel: String
        let publishedOn: String
        let snippet: [Piece]
    }

    struct Results: Content {
        let query: String
        let total: Int
        let page: Int
        let pageSize: Int
        let hits: [Hit]
    }

    /// The documents holding every term of `terms` (`BigramText.terms`) within `filters`, best first, one page.
    static func search(_ terms: [String], query: String, filters: Filters, paging: Paging, on db: Database) async throws -> Results {
        guard !filters.orgIDs.isEmpty else { return Results(query: query, total: 0, page: paging.page, pageSize: paging.size, hits: []) }
        let sql = try db.sql
        var grams: [String] = []
        for term in terms { for gram in BigramText.queryGrams(of: term) where !grams.contains(gram) { grams.append(gram) } }
        let unproved = terms.filter { !BigramText.gramsProvePhrase($0) }
        func candidates() -> SQLQueryString {
            """
            SELECT \(ident: "document_id"), MIN(\(ident: "n")) AS \(ident: "score") FROM \(ident: table) \
            WHERE \(ident: "gram") IN (\(binds: grams)) GROUP BY \(ident: "document_id") HAVING COUNT(*) = \(bind: grams.count)
            """
        }
        func conditions() -> SQLQueryString {
            var text: SQLQueryString = "\(ident: "d").\(ident: "org_id") IN (\(binds: filters.orgIDs))"
            if let agency = filters.agency { text = text + " AND \(ident: "d").\(ident: "org_id") = \(bind: agency)" }
            if let status = filters.status { text = text + " AND \(ident: "d").\(ident: "status") = \(bind: status.rawValue)" }
            if let year = filters.year {
                text = text + " AND \(ident: "d").\(ident: "published_on") >= \(bind: "\(year)-01-01") AND \(ident: "d").\(ident: "published_on") <= \(bind: "\(year)-12-31")"
            }
            for term in unproved {
                text = text + " AND \(ident: "d").\(ident: "search_text") LIKE \(bind: "%" + escapeLike(term) + "%") ESCAPE '\\'"
            }
            return text
        }
        let total = try await sql.raw("""
            SELECT COUNT(*) AS \(ident: "n") FROM (\(candidates())) \(ident: "c") \
            JOIN \(ident: NormativeDocumentRecord.schema) \(ident: "d") ON \(ident: "d").\(ident: "id") = \(ident: "c").\(ident: "document_id") \
            WHERE \(conditions())
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        let titleMatch = "%" + escapeLike(terms[0]) + "%"
        let rows = try await sql.raw("""
            SELECT \(ident: "d").\(ident: "id") AS \(ident: "id"), \(ident: "c").\(ident: "score") AS \(ident: "score") \
            FROM (\(candidates())) \(ident: "c") \
            JOIN \(ident: NormativeDocumentRecord.schema) \(ident: "d") ON \(ident: "d").\(ident: "id") = \(ident: "c").\(ident: "document_id") \
            WHERE \(conditions()) \
            ORDER BY CASE WHEN \(ident: "d").\(ident: "title") LIKE \(bind: titleMatch) ESCAPE '\\' THEN 0 ELSE 1 END, \
            \(ident: "c").\(ident: "score") DESC, \(ident: "d").\(ident: "published_on") DESC, \(ident: "d").\(ident: "number") \
            LIMIT \(bind: paging.size) OFFSET \(bind: paging.offset)
            """).all()
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        let documents = ids.isEmpty ? [] : try await NormativeDocumentRecord.query(on: db).filter(\.$id ~~ ids).all()
        let hits = ids.compactMap { id -> Hit? in
            guard let document = documents.first(where: { $0.id == id }) else { return nil }
            let pieces = BigramText.snippet(document.body, terms: terms) ?? BigramText.snippet(document.title, terms: terms) ?? [(String(document.body.prefix(80)), false)]
            return Hit(id: id, number: document.number, title: document.title, agency: document.agencyName, status: document.status,
                       statusLabel: document.documentStatus.label, publishedOn: document.publishedOn,
                       snippet: pieces.map { Hit.Piece(text: $0.text, match: $0.match) })
        }
        return Results(query: query, total: total, page: paging.page, pageSize: paging.size, hits: hits)
    }

    /// The in-force documents sharing the most grams with `text`, by Jaccard similarity of their gram sets, best first.
    static func similar(to text: String, among orgIDs: [UUID], excluding: UUID? = nil, limit: Int = 5,
                        on db: Database) async throws -> [(document: NormativeDocumentRecord, similarity: Double)] {
        let counts = BigramText.grams(of: text)
        guard !counts.isEmpty, !orgIDs.isEmpty else { return [] }
        // A long draft is compared by its 3,000 most repeated grams: the ones that say what it is about.
        let grams = counts.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.prefix(3_000).map(\.key)
        let sql = try db.sql
        let rows = try await sql.raw("""
            SELECT \(ident: "g").\(ident: "document_id") AS \(ident: "id"), COUNT(*) AS \(ident: "shared") \
            FROM \(ident: table) \(ident: "g") \
            JOIN \(ident: NormativeDocumentRecord.schema) \(ident: "d") ON \(ident: "d").\(ident: "id") = \(ident: "g").\(ident: "document_id") \
            WHERE \(ident: "g").\(ident: "gram") IN (\(binds: grams)) AND \(ident: "d").\(ident: "status") = \(bind: NormativeDocumentStatus.inForce.rawValue) \
            AND \(ident: "d").\(ident: "org_id") IN (\(binds: orgIDs)) \
            GROUP BY \(ident: "g").\(ident: "document_id") ORDER BY COUNT(*) DESC LIMIT 50
            """).all()
        var shared: [UUID: Int] = [:]
        for row in rows { shared[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "shared", as: Int.self) }
        if let excluding { shared[excluding] = nil }
        guard !shared.isEmpty else { return [] }
        let documents = try await NormativeDocumentRecord.query(on: db).filter(\.$id ~~ Array(shared.keys)).all()
        return documents.map { document in
            let both = shared[document.id!] ?? 0
            let union = grams.count + document.gramTotal - both
            return (document, union > 0 ? Double(both) / Double(union) : 0)
        }
        .sorted { ($0.similarity, $0.document.number) > ($1.similarity, $1.document.number) }
        .prefix(limit).map { $0 }
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
