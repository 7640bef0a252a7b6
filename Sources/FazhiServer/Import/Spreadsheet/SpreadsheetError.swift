import Foundation

/// Why a file could not be read or written, in words a clerk can act on. Cell-level problems (a bad
/// date in 第3行 C列) are the importer's; these are about the file as a whole.
enum SpreadsheetError: Error, Equatable, LocalizedError, CustomStringConvertible {
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
    /// The unpacked file is larger than the reader accepts (protects the server from ZIP bombs).
    case tooLarge(limitBytes: Int)
    /// A CSV quoted field runs to the end of the file: a lost quote that would swallow every row after.
    case unterminatedQuote(row: Int)
    /// The CSV bytes are neither UTF-8 nor GB18030.
    case unknownEncoding
    /// A part the writer produced could not be packed.
    case writeFailed(String)

    var description: String {
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
            return "文件过大：解压后超过 \(limit / 1_048_576) MB"
        case .unterminatedQuote(let row):
            return "CSV 格式错误：第\(row)行的引号没有闭合"
        case .unknownEncoding:
            return "无法识别文件编码：请保存为 UTF-8 或 GBK（GB18030）编码的 CSV"
        case .writeFailed(let reason):
            return "生成文件失败：\(reason)"
        }
    }

    var errorDescription: String? { description }
}
