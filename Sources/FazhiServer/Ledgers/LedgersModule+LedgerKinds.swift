import FazhiCore

/// The ledger kinds REPORT.md counts from, of the lines not yet built as work lines of their own: none today (public
/// legal services keep registers only). A line built as a module declares its kinds in its own folder (`bookKinds`);
/// its template, pages, import and metrics follow.
extension LedgersModule {
    static let ledgerKinds: [LedgerKind] = []
}
