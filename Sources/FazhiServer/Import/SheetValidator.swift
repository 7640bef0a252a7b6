import Crypto
import FazhiOffice
import Foundation

/// Checks every row of a table against a kind's columns before anything is written, and collects every
/// problem (not just the first), so the staff fix the file once.
struct SheetValidator {
    /// A row whose every cell passed: the stored values by column name, and its natural key.
    struct Row: Sendable {
        let number: Int
        let values: [String: String]
        let naturalKey: String
    }

    let columns: [SheetColumn]
    let naturalKey: [String]

    init(columns: [SheetColumn], naturalKey: [String]) {
        self.columns = columns
        self.naturalKey = naturalKey
    }

    init(kind: any BookKind) {
        self.init(columns: kind.columns, naturalKey: kind.naturalKey)
    }

    private func column(_ name: String) -> SheetColumn? { columns.first { $0.name == name } }

    /// The key columns' values joined by a unit separator, which no cell holds.
    static func key(_ values: [String: String], _ names: [String]) -> String {
        names.map { values[$0] ?? "" }.joined(separator: "\u{1F}")
    }

    /// Where each of the kind's columns is, by the header's names (nil: absent); a missing required column is a problem.
    typealias Positions = [(column: SheetColumn, index: Int?)]

    func validate(_ table: SpreadsheetTable) -> (rows: [Row], problems: [ImportProblem]) {
        let (positions, problems) = self.positions(in: table.header)
        guard problems.isEmpty else { return ([], problems) }
        if table.rows.isEmpty { return ([], [Self.noRows]) }
        var seen = SeenKeys(capacity: table.rows.count)
        return check(table.rows, positions, seen: &seen)
    }

    static let noRows = ImportProblem(row: nil, column: nil, header: nil, message: "文件中没有数据行")

    func positions(in header: [String]) -> (positions: Positions, problems: [ImportProblem]) {
        let table = SpreadsheetTable(header: header, rows: [])
        var problems: [ImportProblem] = []
        var positions: Positions = []
        for column in columns {
            let index = table.column(named: column.header)
            if index == nil && column.required {
                problems.append(ImportProblem(row: nil, column: nil, header: column.header,
                                              message: "缺少必填列（请使用模板，表头须为「\(column.header)」）"))
            }
            positions.append((column, index))
        }
        return (positions, problems)
    }

    /// Checks `rows` (the whole file's, or one chunk of a streamed file's, in file order); `seen` carries the natural
    /// keys of the rows before them, so a key repeated in a later chunk is found as in a file read whole.
    func check(_ rows: [SpreadsheetRow], _ positions: Positions, seen: inout SeenKeys) -> (rows: [Row], problems: [ImportProblem]) {
        // Each row's cells are read by the column rules on every core (the rules are pure); the rows are then taken in
        // order for what depends on the rows before them (duplicates within the file).
        let cells = Self.concurrentMap(rows) { row in parse(row, positions) }
        let activeTo = positions.first { $0.column.name == "activeTo" }
        var checked: [Row] = []
        checked.reserveCapacity(rows.count)
        var problems: [ImportProblem] = []
        for (row, parsed) in zip(rows, cells) {
            guard case .success(let values) = parsed else {
                if case .failure(let rowProblems) = parsed { problems += rowProblems.problems }
                continue
            }
            if let from = values["activeFrom"], let to = values["activeTo"], to < from, let activeTo {
                problems.append(ImportProblem(row: row.number, column: activeTo.index, header: activeTo.column.header,
                                              message: "不能早于「\(column("activeFrom")?.header ?? "")」"))
                continue
            }
            let key = Self.key(values, naturalKey)
            // Without a natural key (an import whose rows may repeat, e.g. several findings of one agency), none is a repeat.
            if !naturalKey.isEmpty, let earlier = seen.firstRow(of: key, at: row.number) {
                problems.append(ImportProblem(row: row.number, column: nil, header: nil,
                                              message: "与第\(earlier)行重复（\(naturalKey.compactMap { column($0)?.header }.joined(separator: "+"))相同）"))
                continue
            }
            checked.append(Row(number: row.number, values: values, naturalKey: key))
        }
        return (checked, problems)
    }

    /// The natural keys of a file's rows so far, each with the first row that had it. A key is held as 128 bits of its
    /// SHA-256, not as text: a streamed file of a million rows then holds 16 bytes and a row number per row, and two
    /// different keys share a fingerprint with a chance of about n²/2¹²⁹, which no file comes near.
    struct SeenKeys {
        private struct Fingerprint: Hashable {
            let high: UInt64, low: UInt64
        }
        private var firstRows: [Fingerprint: Int]

        init(capacity: Int = 0) {
            firstRows = Dictionary(minimumCapacity: capacity)
        }

        /// The row `key` first appeared in, or nil when it is new (and is now recorded as first seen at `row`).
        mutating func firstRow(of key: String, at row: Int) -> Int? {
            var key = key
            let digest = key.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
            let fingerprint = digest.withUnsafeBytes { bytes in
                Fingerprint(high: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
                            low: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            }
            if let earlier = firstRows[fingerprint] { return earlier }
            firstRows[fingerprint] = row
            return nil
        }
    }

    /// Every problem of one row.
    private struct RowProblems: Error {
        let problems: [ImportProblem]
    }

    /// One row's stored values by column name, or every cell that broke its column's rule.
    private func parse(_ row: SpreadsheetRow, _ positions: Positions) -> Result<[String: String], RowProblems> {
        var values: [String: String] = [:]
        values.reserveCapacity(positions.count)
        var problems: [ImportProblem] = []
        for (column, index) in positions {
            do {
                if let value = try column.parse(index.map { row[$0] } ?? .empty) { values[column.name] = value }
            } catch {
                problems.append(ImportProblem(row: row.number, column: index, header: column.header,
                                              message: (error as? ColumnRuleError)?.message ?? "\(error)"))
            }
        }
        return problems.isEmpty ? .success(values) : .failure(RowProblems(problems: problems))
    }

    /// `transform` of every element, in order, computed in one slice per core for large inputs.
    private static func concurrentMap<T, R>(_ elements: [T], _ transform: (T) -> R) -> [R] {
        let slices = max(1, min(ProcessInfo.processInfo.activeProcessorCount, elements.count / 10_000))
        guard slices > 1 else { return elements.map(transform) }
        let size = (elements.count + slices - 1) / slices
        var results = [[R]](repeating: [], count: slices)
        results.withUnsafeMutableBufferPointer { results in
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                let start = min(elements.count, slice * size)
                results[slice] = elements[start..<min(elements.count, start + size)].map(transform)
            }
        }
        return results.flatMap { $0 }
    }
}
