import Fluent
import FazhiCore
import FazhiOffice
import Foundation
import Vapor

/// `fazhi import`: templates and imports of ledger and register kinds, and of the case kinds with a `CaseSheet`.
extension FazhiApp {
    /// Every kind `fazhi import` knows (the standard modules', before any app is built), as "code（名称）" lines for help
    /// and errors.
    public static var importKinds: [String] { importKinds(.standard) }

    /// Every kind the modules of `modules` let one import, as "code（名称）" lines: book kinds, then case sheets.
    static func importKinds(_ modules: ModuleRegistry) -> [String] {
        modules.bookKinds.map { "\($0.code)（\($0.name)）" } + modules.caseSheets.map { "\($0.code)（\($0.name)）" }
    }

    /// The .xlsx template of `kind` among the standard modules' (`fazhi import --template`, before any app is built).
    public static func importTemplate(kind code: String) throws -> Data { try importTemplate(kind: code, modules: .standard) }

    /// The .xlsx template of `kind`: Chinese headers and one example row. Throws a `FieldError` for a kind `modules` do
    /// not declare.
    static func importTemplate(kind code: String, modules: ModuleRegistry) throws -> Data {
        if let sheet = modules.caseSheet(code) { return try sheet.template() }
        return try BookTemplate.template(try bookKind(code, in: modules))
    }

    /// Imports `data` (.xlsx or CSV in UTF-8 or GB18030) as `kind` into the org with `orgCode` (default: the bureau at
    /// the root of the tree). Either every row is written in one transaction, or nothing is and `ImportFailure` lists
    /// each bad row and cell. `progress` is called with the fraction read (nil when unknown) and the rows read;
    /// `timings` collects how long each stage took.
    public static func importFile(
        _ app: Application, kind code: String, data: Data, fileName: String, orgCode: String?,
        progress: (@Sendable (Double?, Int) -> Void)? = nil, timings: ImportTimings = ImportTimings()
    ) async throws -> ImportSummary {
        let sheet = app.modules.caseSheet(code)
        var kind: (any BookKind)? = sheet != nil ? nil : try bookKind(code, in: app.modules)
        if let book = kind { kind = try await ChoiceLists.resolve(book, on: app.db) }
        let org = try await importOrg(app.db, orgCode)
        let reporter = progress.map { report in ProgressReporter(every: 2_000) { report($0.fractionCompleted, $0.rowsRead) } }
        let table: SpreadsheetTable
        do {
            table = try timings.measure("read") { try SpreadsheetFile.read(data, progress: reporter, limits: .commandLine) }
        } catch let error as SpreadsheetError {
            throw ImportFailure(problems: [error.description])
        }
        let actor = AuditActor.command("import")
        return try await reportingProblems {
            if let kind {
                return try await BookImport(db: app.db, kind: kind, org: org.id!, actor: actor)
                    .run(table, fileName: fileName, fileData: data, timings: timings)
            }
            // An operator command acts as an administrator of the chosen org's subtree.
            let subtree = try await OrgDirectory.subtreeIDs(of: org, on: app.db)
            let scope = Scope(userID: UUID(), grants: [.init(role: .admin, line: nil, orgID: org.id!, orgIDs: Set(subtree))])
            return try await sheet!.importTable(table, db: app.db, scope: scope, actor: actor, calendar: try await workingCalendar(app),
                                                protection: app.dataProtection, org: org.id!, fileName: fileName, fileData: data,
                                                today: ChinaTime.today)
        }
    }

    /// Imports the file at `path` as `kind`, as `importFile(_:kind:data:…)` does. A CSV in UTF-8 of a ledger or register
    /// kind is streamed (`CSVStream`, `BookImport.run(_:fileName:fileHash:timings:)`), so a file of a million rows takes the
    /// memory of one chunk; an .xlsx, a CSV in GB18030 or UTF-16, and a case sheet are read whole, within
    /// `SpreadsheetLimits.commandLine`. `chunkBytes` is how much of the file is read at a time.
    public static func importFile(
        _ app: Application, kind code: String, path: String, orgCode: String?,
        progress: (@Sendable (Double?, Int) -> Void)? = nil, timings: ImportTimings = ImportTimings(),
        chunkBytes: Int = 4 * 1_048_576
    ) async throws -> ImportSummary {
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        if app.modules.caseSheet(code) == nil, try !isPackage(path) {
            let kind = try await ChoiceLists.resolve(try bookKind(code, in: app.modules), on: app.db)
            let org = try await importOrg(app.db, orgCode)
            let reporter = progress.map { report in ProgressReporter(every: 2_000) { report($0.fractionCompleted, $0.rowsRead) } }
            let stream: CSVStream?
            let fileHash = FileHash()
            do {
                stream = try timings.measure("read") {
                    try CSVStream(path: path, chunkBytes: chunkBytes, limits: .commandLine, progress: reporter, onRead: fileHash.update)
                }
            } catch let error as SpreadsheetError {
                throw ImportFailure(problems: [error.description])
            }
            if let stream {
                return try await reportingProblems {
                    try await BookImport(db: app.db, kind: kind, org: org.id!, actor: .command("import"))
                        .run(stream, fileName: fileName, fileHash: fileHash, timings: timings)
                }
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FieldError(field: "file", message: "无法读取文件 \(path)")
        }
        return try await importFile(app, kind: code, data: data, fileName: fileName, orgCode: orgCode, progress: progress, timings: timings)
    }

    /// Whether the file is a ZIP (.xlsx) or an Excel 97–2003 compound file, by its first bytes, whatever its name says.
    private static func isPackage(_ path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw FieldError(field: "file", message: "无法读取文件 \(path)") }
        defer { try? handle.close() }
        let head = try handle.read(upToCount: 4) ?? Data()
        return head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0xD0, 0xCF, 0x11, 0xE0])
    }

    /// Runs an import, turning its refusals into `ImportFailure`: the rows' problems, or a row another writer stored
    /// meanwhile (409: nothing was written, and the operator is told so).
    private static func reportingProblems(_ work: () async throws -> ImportSummary) async throws -> ImportSummary {
        do {
            return try await work()
        } catch let rejected as ImportRejected {
            throw ImportFailure(problems: rejected.problems.map(\.description))
        } catch let conflict as AbortError where conflict.status == .conflict {
            throw ImportFailure(problems: [conflict.reason])
        }
    }

    private static func bookKind(_ code: String, in modules: ModuleRegistry) throws -> any BookKind {
        guard let kind = modules.bookKind(code) else {
            throw FieldError(field: "kind", message: "未知的种类“\(code)”，可用：" + importKinds(modules).joined(separator: "、"))
        }
        return kind
    }

    private static func importOrg(_ db: Database, _ code: String?) async throws -> Org {
        if let code {
            guard let org = try await Org.query(on: db).filter(\.$code == code).first() else {
                throw FieldError(field: "org", message: "机构代码“\(code)”不存在")
            }
            return org
        }
        let roots = try await Org.query(on: db).filter(\.$parent.$id == nil).all()
        guard roots.count == 1 else {
            throw FieldError(field: "org", message: roots.isEmpty ? "数据库中还没有机构" : "有多个司法局，请用 --org 指定机构代码")
        }
        return roots[0]
    }
}
