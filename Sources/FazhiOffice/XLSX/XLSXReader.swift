import Foundation

/// Reads one worksheet of an .xlsx into a `SpreadsheetTable`: what the staff's existing ledgers
/// (台账) are kept in. Follows the package's own pointers (package rels → workbook → workbook rels →
/// sheet) rather than guessing file names, because files saved by WPS, LibreOffice or export
/// libraries name their parts differently from Excel.
///
/// The first non-empty row is the header; fully empty rows are dropped (rows keep their Excel row
/// numbers, so nothing is lost for error messages). Use `SpreadsheetTable.reheaded(atRow:)` when
/// the header sits under a title row.
struct XLSXReader {
    var progress: ProgressReporter?
    /// What the file may hold (`SpreadsheetLimits`); the reader refuses it at the first limit it passes.
    var limits: SpreadsheetLimits

    init(progress: ProgressReporter? = nil, limits: SpreadsheetLimits = .web) {
        self.progress = progress
        self.limits = limits
    }

    /// The web limits with another largest unpacked part.
    init(progress: ProgressReporter? = nil, maximumPartBytes: Int) {
        var limits = SpreadsheetLimits.web
        limits.partBytes = maximumPartBytes
        self.init(progress: progress, limits: limits)
    }

    /// Reads the sheet at `sheet`, counting from 0 in tab order (hidden sheets included).
    func read(_ data: Data, sheet: Int = 0) throws -> SpreadsheetTable {
        let package = try XLSXPackage(data: data, limits: limits)
        let workbook = try Workbook(package)
        guard sheet >= 0, sheet < workbook.sheets.count else {
            throw SpreadsheetError.sheetNotFound(index: sheet, count: workbook.sheets.count)
        }
        let sheetPath = workbook.path(ofSheet: sheet)
        guard let sheetData = try package.readIfPresent(sheetPath) else {
            throw SpreadsheetError.missingPart(sheetPath)
        }
        var sharedStrings: [String] = []
        if let path = workbook.sharedStringsPath, let data = try package.readIfPresent(path) {
            sharedStrings = try XLSXSharedStrings.parse(data, part: path, limit: limits.sharedStrings)
        }
        var dateStyles: [Bool] = []
        if let path = workbook.stylesPath, let data = try package.readIfPresent(path) {
            dateStyles = try XLSXStyles.parseDateStyles(data, part: path)
        }
        let parser = XLSXSheetParser(part: sheetPath, sharedStrings: sharedStrings, dateStyles: dateStyles,
                                     date1904: workbook.date1904, limits: limits, progress: progress)
        return SpreadsheetTable.assemble(try parser.parse(sheetData))
    }

    /// The sheet names in tab order, for an upload form that lets the staff pick one.
    func sheetNames(_ data: Data) throws -> [String] {
        let package = try XLSXPackage(data: data, limits: limits)
        return try Workbook(package).sheets.map(\.name)
    }

    /// The workbook's parts located through its relationships.
    private struct Workbook {
        var sheets: [XLSXWorkbook.Sheet]
        var date1904: Bool
        var sharedStringsPath: String?
        var stylesPath: String?
        private var workbookPath: String
        private var targets: [String: String]

        init(_ package: XLSXPackage) throws {
            let rootRelationships = try package.readIfPresent("_rels/.rels")
                .map { try XLSXRelationships.parse($0, part: "_rels/.rels") } ?? []
            let declared = rootRelationships.first { $0.type.hasSuffix("/officeDocument") }
                .map { XLSXPackage.resolve($0.target, relativeTo: "") }
            workbookPath = declared ?? "xl/workbook.xml"
            guard let workbookData = try package.readIfPresent(workbookPath) else {
                // A ZIP without a workbook is a .docx, a .zip of photos, …: not a spreadsheet.
                throw SpreadsheetError.notXLSX
            }
            let workbook = try XLSXWorkbook.parse(workbookData, part: workbookPath)
            sheets = workbook.sheets
            date1904 = workbook.date1904

            let relationshipsPath = XLSXPackage.relationshipsPath(of: workbookPath)
            let relationships = try package.readIfPresent(relationshipsPath)
                .map { try XLSXRelationships.parse($0, part: relationshipsPath) } ?? []
            let workbookPath = self.workbookPath
            func resolve(_ target: String) -> String { XLSXPackage.resolve(target, relativeTo: workbookPath) }
            targets = Dictionary(relationships.map { ($0.id, resolve($0.target)) }, uniquingKeysWith: { first, _ in first })
            sharedStringsPath = relationships.first { $0.type.hasSuffix("/sharedStrings") }.map { resolve($0.target) }
                ?? (package.contains("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : nil)
            stylesPath = relationships.first { $0.type.hasSuffix("/styles") }.map { resolve($0.target) }
                ?? (package.contains("xl/styles.xml") ? "xl/styles.xml" : nil)
        }

        func path(ofSheet index: Int) -> String {
            targets[sheets[index].relationshipID] ?? "xl/worksheets/sheet\(index + 1).xml"
        }
    }
}
