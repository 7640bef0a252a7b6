/// The most a spreadsheet may hold before the readers refuse it, in one place. A file says how big it is (a
/// `<c r="XFD1">`, a ZIP header's size, a `<dimension>`), but only what it actually holds is counted, and the
/// reader stops at the first limit it passes with an error naming that limit (工作表超过 256 列的上限), so
/// the memory an import takes is bounded by these numbers, whatever the file claims.
///
/// Excel allows 16,384 columns and 1,048,576 rows. A bureau's ledgers need far less: the widest template has
/// about twenty columns, and the busiest ledger a district keeps in a year is about 100,000 rows (the import
/// benchmark). The web import holds the whole table while the officer previews it, so it gets the tighter
/// limits; `fazhi import` runs on the operator's own process and may take a full Excel sheet.
///
/// Memory: a held cell is 56 bytes (`SpreadsheetCell`), so `cells` bounds the table (web: 4,000,000 cells ≈
/// 220 MB, command line: 16,777,216 ≈ 0.9 GB); `inflatedBytes` bounds the unpacked parts held at once; a
/// CSV is decoded whole, so the upload limit (or the file) bounds it.
public struct SpreadsheetLimits: Hashable, Sendable {
    /// Columns from A: a cell in a later column is refused (256 = column IV, Excel 2003's width).
    public var columns: Int
    /// Non-empty rows held, the header included.
    public var rows: Int
    /// Cells held over all rows. A row is stored up to its last filled cell, so blanks before it count
    /// and blanks after it do not: a lone value in column IV costs 256 cells.
    public var cells: Int
    /// Distinct texts in the .xlsx shared-string table (each is held as a string).
    public var sharedStrings: Int
    /// Entries in the .xlsx ZIP (Excel writes about a dozen; images and many sheets add a few each).
    public var entries: Int
    /// The unpacked size of one part of the .xlsx (the sheet's XML is the largest).
    public var partBytes: Int
    /// The unpacked size of all parts read from one .xlsx together.
    public var inflatedBytes: Int
    /// The bytes of one CSV record (one line, or several inside quotes): a lost quote or a file without line
    /// breaks stops here instead of becoming one gigantic cell.
    public var recordBytes: Int

    /// Uploads in the browser (台账/名册 and case imports): 200,000 rows, twice the busiest ledger.
    public static let web = SpreadsheetLimits(
        columns: 256, rows: 200_000, cells: 4_000_000, sharedStrings: 4_000_000, entries: 1_000,
        partBytes: 128 * 1_048_576, inflatedBytes: 256 * 1_048_576, recordBytes: 1_048_576)

    /// `fazhi import`: a full Excel sheet of rows, still 256 columns.
    public static let commandLine = SpreadsheetLimits(
        columns: 256, rows: 1_048_576, cells: 16_777_216, sharedStrings: 16_777_216, entries: 1_000,
        partBytes: 1_024 * 1_048_576, inflatedBytes: 2_048 * 1_048_576, recordBytes: 1_048_576)
}
