import FazhiCore

/// A book is what the staff keep by hand today: a ledger (台账) or a register (名册). Its family says which: dated
/// countable entries, or people and bodies with a period of activity.
enum BookFamily: String, Sendable, CaseIterable {
    case ledger
    case register

    var label: String { self == .ledger ? "台账" : "名册" }
    /// Where its pages live: `/ledgers/…`, `/registers/…`.
    var pathSegment: String { self == .ledger ? "ledgers" : "registers" }
}

/// What ledger and register kinds share: the columns of their spreadsheet, the natural key that makes a
/// re-import add nothing, and the line whose readers may see them. The importer, the pages and the
/// template are written once against this. Modules declare their kinds (`Module.bookKinds`); the app's are
/// `app.modules.bookKinds`.
protocol BookKind: Sendable {
    var family: BookFamily { get }
    /// Stable code name, used in URLs, the CLI (`fazhi import --kind`) and the `kind` column, e.g. `lawFirm`.
    var code: String { get }
    /// The Chinese name shown in the UI, e.g. 行政执法培训.
    var name: String { get }
    var line: WorkLine { get }
    /// In template order.
    var columns: [SheetColumn] { get }
    /// The columns whose values together identify one record (with the org): importing it again adds nothing.
    var naturalKey: [String] { get }
    /// The REPORT.md metrics the kind feeds.
    var metricKeys: [String] { get }
    var computations: [MetricComputation] { get }
    /// The types of file its entries may carry (the photos of an event: JPEG and PNG), recognised by their bytes; none
    /// unless the kind declares them (`accepting(_:)`). The entry's page lists them and takes uploads
    /// (`EntryAttachments`).
    var attachmentTypes: [UploadType] { get }
    /// The same kind with `columns` in place of its own (a list column offering its list's options today).
    func offering(_ columns: [SheetColumn]) -> any BookKind
}

extension BookKind {
    func column(_ name: String) -> SheetColumn? { columns.first { $0.name == name } }

    /// The natural key of validated values: the key columns joined by a unit separator, which no cell holds.
    func naturalKey(of values: [String: String]) -> String {
        SheetValidator.key(values, naturalKey)
    }

    var naturalKeyHeaders: String { naturalKey.compactMap { column($0)?.header }.joined(separator: "+") }

    var metricKeys: [String] { computations.map(\.key) }

    var acceptsAttachments: Bool { !attachmentTypes.isEmpty }

    /// What an entry counts for a `.quantity` measure: without a quantity column an entry counts once; an empty
    /// optional quantity means none.
    func quantity(of values: [String: String]) -> Int {
        column("quantity") == nil ? 1 : Int(values["quantity"] ?? "") ?? 0
    }
}
