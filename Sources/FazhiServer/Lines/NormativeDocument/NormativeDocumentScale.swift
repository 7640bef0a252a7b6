import Fluent
import FazhiCore
import SQLKit
import Vapor

/// `fazhi demo --scale N --story normativeDocument`: N documents of the demo agencies' kind of text in bulk, each with its
/// gram index, for the search benchmark (`scripts/benchmark-search.sh`). The documents and grams go in by multi-row
/// inserts inside one transaction per 500 documents; the text is the demo's generator with more varied articles.
struct NormativeDocumentScale {
    let demo: DemoCases
    let year: Int
    let count: Int

    func run(progress: (Int) -> Void) async throws -> String {
        let db = demo.db
        let sql = try db.sql
        let postgres = sql.dialect.name == "postgresql"
        var orgs: [(Org, String, [String], String)] = []
        for agency in NormativeDocumentDemo.agencies {
            if let org = try await Org.query(on: db).filter(\.$code == "\(DemoData.bureauCode)-\(agency.code)").first() {
                orgs.append((org, agency.prefix, agency.subjects, agency.law))
            }
        }
        guard !orgs.isEmpty else { return "没有演示行政机关，未生成文件" }
        var random = DemoRandom(seed: 20_251_205)
        let existing = try await NormativeDocumentRecord.query(on: db).count()
        var written = 0, characters = 0, grams = 0
        let rowsPerStatement = postgres ? 20_000 : 10_000
        for batchStart in stride(from: 0, to: count, by: 500) {
            var documents: [[any SQLExpression]] = []
            var gramRows: [(UUID, String, Int)] = []
            for index in batchStart..<min(count, batchStart + 500) {
                let (org, prefix, subjects, law) = random.pick(orgs)
                let published = CivilDate(year: year, month: 1, day: 1)!.adding(days: -random.int(0...3_650))
                let subject = random.pick(subjects)
                let title = "河东区" + subject + random.pick(["管理办法", "实施细则", "管理规定", "实施办法", "工作规程", "若干措施"])
                var body = NormativeDocumentDemo.text(subject: subject, agency: org.name, law: law, random: &random)
                // Longer documents carry a second subject's articles, as the longer rules do.
                if random.chance(0.5) {
                    body += "\n" + NormativeDocumentDemo.text(subject: random.pick(subjects), agency: org.name, law: law, random: &random)
                }
                let id = UUID()
                let counts = BigramText.grams(of: title + "\n" + body)
                for (gram, n) in counts { gramRows.append((id, gram, n)) }
                characters += body.count
                let number = "\(prefix)〔\(published.year)〕\(existing + index + 1)号"
                documents.append([
                    SQLBind(id), SQLBind(org.id!), SQLBind(org.name), SQLBind(number), SQLBind(title), SQLBind(body),
                    SQLBind(BigramText.normalize(title + "\n" + body)), SQLBind(counts.count), SQLBind(published.description),
                    SQLBind(published.description), SQLBind(published.adding(years: 5).adding(days: -1).description),
                    SQLBind(random.chance(0.85) ? NormativeDocumentStatus.inForce.rawValue : NormativeDocumentStatus.repealed.rawValue),
                    SQLBind(published.adding(days: 30).description), SQLBind(published.adding(days: random.int(3...25)).description),
                    SQLBind(""), SQLBind(Date()),
                ])
            }
            try await db.transaction { tx in
                let sql = try tx.sql
                var insert = sql.insert(into: NormativeDocumentRecord.schema).columns(
                    "id", "org_id", "agency_name", "number", "title", "body", "search_text", "gram_total", "published_on", "effective_on",
                    "expires_on", "status", "filing_due", "filed_on", "supersedes", "created_at")
                for row in documents { insert = insert.values(row) }
                try await insert.run()
                for start in stride(from: 0, to: gramRows.count, by: rowsPerStatement) {
                    var grams = sql.insert(into: NormativeDocumentIndex.table).columns("document_id", "gram", "n")
                    for (id, gram, n) in gramRows[start..<min(gramRows.count, start + rowsPerStatement)] {
                        grams = grams.values(SQLBind(id), SQLBind(gram), SQLBind(n))
                    }
                    try await grams.run()
                }
                // In the log as a loader's batch, like every write to what is counted.
                try await AuditLog.record(on: tx, actor: .command("demo"), action: "generate", entityType: "normativeDocument",
                                          entityID: "scale", before: nil, after: ["documents": String(documents.count)])
            }
            written += documents.count
            grams += gramRows.count
            progress(written)
        }
        if postgres {
            try await sql.raw("ANALYZE \(ident: NormativeDocumentRecord.schema)").run()
            try await sql.raw("ANALYZE \(ident: NormativeDocumentIndex.table)").run()
        }
        else { try await sql.raw("ANALYZE").run() }
        return "行政规范性文件 \(written) 件（平均 \(written == 0 ? 0 : characters / written) 字，双字词索引 \(grams) 行）"
    }
}
