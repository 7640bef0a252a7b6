import FazhiOffice

/// One thing wrong with an imported file, pointing at the cell the staff open: 第3行 C列「日期」：格式应为 YYYY-MM-DD.
/// Problems about the whole file (a missing column) have no row.
struct ImportProblem: Hashable, Sendable, CustomStringConvertible {
    let row: Int?
    /// 0-based column in the file, nil when the column is missing or the problem is about the row.
    let column: Int?
    let header: String?
    let message: String

    var description: String {
        var place = ""
        if let row { place += "第\(row)行" }
        if let column { place += (place.isEmpty ? "" : " ") + SpreadsheetColumn.letters(column) + "列" }
        if let header { place += "「\(header)」" }
        return place.isEmpty ? message : place + "：" + message
    }
}

/// The file was not imported: nothing was written, and these are every problem found.
struct ImportRejected: Error, Sendable {
    let problems: [ImportProblem]
}
