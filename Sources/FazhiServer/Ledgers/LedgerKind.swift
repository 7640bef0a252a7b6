import FazhiCore

/// A kind of dated countable record (台账): a training held, a screening done, an exam completed. Each entry has
/// its date (`occurredOn`), a title, a quantity (participants, people, or 1) and the kind's own columns.
struct LedgerKind: BookKind {
    /// How an entry counts towards a REPORT.md metric, over the entries dated in the report's year.
    enum Measure: Sendable {
        /// One per entry (场次, 次, 件次).
        case entries
        /// The sum of `quantity` (人次, 名).
        case quantity
        /// Distinct values of a column (家, 类).
        case distinct(String)
    }

    var family: BookFamily { .ledger }
    let code: String
    let name: String
    let line: WorkLine
    private(set) var columns: [SheetColumn]
    let naturalKey: [String]
    let measures: [(key: String, measure: Measure)]
    private(set) var attachmentTypes: [UploadType] = []

    init(_ code: String, _ name: String, line: WorkLine, columns: [SheetColumn], naturalKey: [String],
         measures: [(key: String, measure: Measure)]) {
        precondition(columns.contains { $0.name == "occurredOn" } && columns.contains { $0.name == "title" },
                     "a ledger kind needs occurredOn and title columns")
        self.code = code
        self.name = name
        self.line = line
        self.columns = columns
        self.naturalKey = naturalKey
        self.measures = measures
    }

    /// What one entry adds to the rollup: entries and quantities are sums by day; distinct counts are not sums,
    /// so they are counted from the entries each time.
    func contributions(of values: [String: String], quantity: Int) -> [MetricContribution] {
        guard let day = values["occurredOn"].flatMap(CivilDate.init(string:)) else { return [] }
        return measures.compactMap { key, measure in
            switch measure {
            case .entries: MetricContribution(key, on: day)
            case .quantity: MetricContribution(key, on: day, numerator: quantity)
            case .distinct: nil
            }
        }
    }

    var computations: [MetricComputation] {
        measures.map { key, measure in
            let kind = self
            var rolledUp = true
            if case .distinct = measure { rolledUp = false }
            return MetricComputation(key: key, rolledUp: rolledUp) { query in
                let entries = query.ledgerEntries(kind.code)
                switch measure {
                case .entries: return .count(try await entries.rowCount())
                case .quantity: return .count(try await entries.total(\.$quantity))
                case .distinct(let column):
                    if column == "title" { return .count(Set(try await entries.all(\.$title)).count) }
                    let values = try await entries.all(\.$fields).compactMap { LedgerFields.decode($0)[column] }
                    return .count(Set(values).count)
                }
            }
        }
    }
}

extension LedgerKind {
    func offering(_ columns: [SheetColumn]) -> any BookKind {
        var kind = self
        kind.columns = columns
        return kind
    }

    /// The same kind, its entries carrying files of `types` (photos: `[.jpeg, .png]`).
    func accepting(_ types: [UploadType]) -> Self {
        var kind = self
        kind.attachmentTypes = types
        return kind
    }
}
