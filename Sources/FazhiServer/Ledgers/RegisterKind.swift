import FazhiCore

/// A kind of register (名册): people or bodies active from one day until another (or still), so "at year end" is a
/// query, not a count someone keeps: `activeFrom ≤ 12-31` and (`activeTo` empty or after 12-31).
///
/// Registers hold no personal ID numbers: the report counts people, and a name with the unit or licence number
/// identifies them well enough for de-duplication; keeping 身份证号 would add PII to protect for no figure.
struct RegisterKind: BookKind {
    enum Measure: Sendable {
        /// Entries active on the last day of the year.
        case activeAtYearEnd
        /// Distinct values of a column among those entries (units with at least one active public lawyer).
        case distinctActiveAtYearEnd(String)
    }

    var family: BookFamily { .register }
    let code: String
    let name: String
    let line: WorkLine
    private(set) var columns: [SheetColumn]
    let naturalKey: [String]
    let measures: [(key: String, measure: Measure)]
    private(set) var attachmentTypes: [UploadType] = []

    init(_ code: String, _ name: String, line: WorkLine, columns: [SheetColumn], naturalKey: [String],
         measures: [(key: String, measure: Measure)]) {
        precondition(["name", "activeFrom", "activeTo"].allSatisfy { name in columns.contains { $0.name == name } },
                     "a register kind needs name, activeFrom and activeTo columns")
        self.code = code
        self.name = name
        self.line = line
        self.columns = columns
        self.naturalKey = naturalKey
        self.measures = measures
    }

    var computations: [MetricComputation] {
        measures.map { key, measure in
            let kind = self
            return MetricComputation(key: key) { query in
                let active = query.registerEntriesActiveAtEnd(kind.code)
                switch measure {
                case .activeAtYearEnd: return .count(try await active.count())
                case .distinctActiveAtYearEnd(let column):
                    let values = try await active.all(\.$fields).compactMap { LedgerFields.decode($0)[column] }
                    return .count(Set(values).count)
                }
            }
        }
    }
}

extension RegisterKind {
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
