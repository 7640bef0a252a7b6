import Foundation

/// Why a file could not be read or written, in words a clerk can act on. Cell-level problems (a bad
/// date in 第3行 C列) are the importer's; these are about the file as a whole.
public enum SpreadsheetError: Error, Equatable, LocalizedError, CustomStringConvertible {
    /// Not a ZIP, or a ZIP without a workbook.
    case notXLSX
    /// An Excel 97–2003 .xls (OLE compound file): a different format we do not parse.
    case legacyXLS
    /// A workbook part the file names is missing, e.g. "xl/worksheets/sheet1.xml".
    case missingPart(String)
    case sheetNotFound(index: Int, count: Int)
    /// A part is not well-formed XML; `line` is where the parser stopped.
    case malformedXML(part: String, line: Int)
    /// A cell reference such as "C3" the sheet uses is not one.
    case invalidCellReference(String)
    /// One unpacked part of an .xlsx, or a CSV, is larger than `SpreadsheetLimits.partBytes` (protects the
    /// server from ZIP bombs).
    case tooLarge(limitBytes: Int)
    /// The parts unpacked from one file together are larger than `SpreadsheetLimits.inflatedBytes`.
    case inflatedTooLarge(limitBytes: Int)
    /// The ZIP holds more entries than `SpreadsheetLimits.entries`.
    case tooManyEntries(limit: Int)
    /// A cell lies right of `SpreadsheetLimits.columns`.
    case tooManyColumns(limit: Int)
    /// More non-empty rows than `SpreadsheetLimits.rows`.
    case tooManyRows(limit: Int)
    /// More cells held than `SpreadsheetLimits.cells`.
    case tooManyCells(limit: Int)
    /// More shared strings than `SpreadsheetLimits.sharedStrings`.
    case tooManySharedStrings(limit: Int)
    /// One CSV record is longer than `SpreadsheetLimits.recordBytes`.
    case recordTooLong(row: Int, limitBytes: Int)
    /// A CSV quoted field runs to the end of the file: a lost quote that would swallow every row after.
    case unterminatedQuote(row: Int)
    /// The CSV bytes are neither UTF-8 nor GB18030.
    case unknownEncoding
    /// A CSV streamed as UTF-8 (its beginning was) stops being UTF-8 in the record with this number.
    case invalidUTF8(row: Int)
    /// A part the writer produced could not be packed.
    case writeFailed(String)

    public var description: String {
        switch self {
        case .notXLSX:
            return "不是有效的 .xlsx 文件"
        case .legacyXLS:
            return "这是旧版 Excel 97-2003 (.xls) 文件，请在 Excel 中“另存为” .xlsx 后再导入"
        case .missingPart(let part):
            return "不是有效的 .xlsx 文件：缺少 \(part)"
        case .sheetNotFound(let index, let count):
            return "工作表不存在：要读取第\(index + 1)个工作表，文件中共有\(count)个"
        case .malformedXML(let part, let line):
            return "文件已损坏：\(part) 第\(line)行不是有效的 XML"
        case .invalidCellReference(let reference):
            return "文件已损坏：单元格引用“\(reference)”无效"
        case .tooLarge(let limit):
            return "文件过大：内容超过 \(SpreadsheetError.size(limit)) 的上限"
        case .inflatedTooLarge(let limit):
            return "文件过大：解压后合计超过 \(SpreadsheetError.size(limit)) 的上限"
        case .tooManyEntries(let limit):
            return "不是有效的 .xlsx 文件：压缩包内超过 \(limit) 个文件的上限"
        case .tooManyColumns(let limit):
            return "工作表超过 \(limit) 列的上限（最右为 \(SpreadsheetColumn.letters(limit - 1)) 列）"
        case .tooManyRows(let limit):
            return "工作表超过 \(limit) 行的上限，请分成几个文件导入"
        case .tooManyCells(let limit):
            return "工作表超过 \(limit) 个单元格的上限，请删去多余的列或分成几个文件导入"
        case .tooManySharedStrings(let limit):
            return "文件过大：文本超过 \(limit) 条的上限"
        case .recordTooLong(let row, let limit):
            return "CSV 第\(row)行超过 \(SpreadsheetError.size(limit)) 的上限（是否缺少引号或换行？）"
        case .unterminatedQuote(let row):
            return "CSV 格式错误：第\(row)行的引号没有闭合"
        case .unknownEncoding:
            return "无法识别文件编码：请保存为 UTF-8 或 GBK（GB18030）编码的 CSV"
        case .invalidUTF8(let row):
            return "CSV 第\(row)行起不是有效的 UTF-8 编码：请将整个文件保存为 UTF-8 或 GBK（GB18030）编码"
        case .writeFailed(let reason):
            return "生成文件失败：\(reason)"
        }
    }

    public var errorDescription: String? { description }

    /// True when the file passed one of `SpreadsheetLimits` (answered 413), false when it is damaged or of another kind.
    public var isLimit: Bool {
        switch self {
        case .tooLarge, .inflatedTooLarge, .tooManyEntries, .tooManyColumns, .tooManyRows, .tooManyCells,
             .tooManySharedStrings, .recordTooLong:
            return true
        case .notXLSX, .legacyXLS, .missingPart, .sheetNotFound, .malformedXML, .invalidCellReference, .unterminatedQuote,
             .unknownEncoding, .invalidUTF8, .writeFailed:
            return false
        }
    }

    private static func size(_ bytes: Int) -> String {
        bytes >= 1_048_576 && bytes % 1_048_576 == 0 ? "\(bytes / 1_048_576) MB" : "\(bytes) 字节"
    }
}
