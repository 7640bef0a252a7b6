import Foundation

/// Checks every row of a table against a kind's columns before anything is written, and collects every
/// problem (not just the first), so the staff fix the file once.
struct RecordTableValidator {
    /// A row whose every cell passed: the stored values by column name, and its natural key.
    struct Row: Sendable {
        let number: Int
        let values: [String: String]
        let naturalKey: String
    }

    let columns: [LedgerColumn]
    let naturalKey: [String]

    init(columns: [LedgerColumn], naturalKey: [String]) {
        self.columns = columns
        self.naturalKey = naturalKey
    }

    init(kind: any RecordKind) {
        self.init(columns: kind.columns, naturalKey: kind.naturalKey)
    }

    private func column(_ name: String) -> LedgerColumn? { columns.first { $0.name == name } }

    /// The key columns' values joined by a unit separator, which no cell holds.
    static func key(_ values: [String: String], _ names: [String]) -> String {
        names.map { values[$0] ?? "" }.joined(separator: "\u{1F}")
    }

    func validate(_ table: SpreadsheetTable) -> (rows: [Row], problems: [ImportProblem]) {
        var problems: [ImportProblem] = []
        var positions: [(LedgerColumn, Int?)] = []
        for column in columns {
            let index = table.column(named: column.header)
            if index == nil && column.required {
                problems.append(ImportProblem(row: nil, column: nil, header: column.header,
                                              message: "缺少必填列（请使用模板，表头须为「\(column.header)」）"))
            }
            positions.append((column, index))
        }
        guard problems.isEmpty else { return ([], problems) }
        if table.rows.isEmpty {
            return ([], [ImportProblem(row: nil, column: nil, header: nil, message: "文件中没有数据行")])
        }

        // Each row's cells are read by the column rules on every core (the rules are pure); the rows are then taken in
        // order for what depends on the rows before them (duplicates within the file).
        let cells = Self.concurrentMap(table.rows) { row in parse(row, positions) }
        var rows: [Row] = []
        rows.reserveCapacity(table.rows.count)
        var firstRowOfKey: [UTF8Key: Int] = [:]
        firstRowOfKey.reserveCapacity(table.rows.count)
        for (row, parsed) in zip(table.rows, cells) {
            guard case .success(let values) = parsed else {
                if case .failure(let rowProblems) = parsed { problems += rowProblems.problems }
                continue
            }
            if let from = values["activeFrom"], let to = values["activeTo"], to < from, let toColumn = column("activeTo") {
                problems.append(ImportProblem(row: row.number, column: table.column(named: toColumn.header), header: toColumn.header,
                                              message: "不能早于「\(column("activeFrom")?.header ?? "")」"))
                continue
            }
            let key = Self.key(values, naturalKey)
            if let earlier = firstRowOfKey[UTF8Key(key)] {
                problems.append(ImportProblem(row: row.number, column: nil, header: nil,
                                              message: "与第\(earlier)行重复（\(naturalKey.compactMap { column($0)?.header }.joined(separator: "+"))相同）"))
                continue
            }
            firstRowOfKey[UTF8Key(key)] = row.number
            rows.append(Row(number: row.number, values: values, naturalKey: key))
        }
        return (rows, problems)
    }

    /// Every problem of one row.
    private struct RowProblems: Error {
        let problems: [ImportProblem]
    }

    /// One row's stored values by column name, or every cell that broke its column's rule.
    private func parse(_ row: SpreadsheetRow, _ positions: [(LedgerColumn, Int?)]) -> Result<[String: String], RowProblems> {
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
