/// What an import did: rows added, rows skipped because their natural key was already stored.
public struct ImportSummary: Sendable, Equatable {
    public let added: Int
    public let alreadyPresent: Int

    /// The line the CLI prints and the page shows.
    public var text: String { "已导入：新增 \(added) 条，已存在 \(alreadyPresent) 条（未重复写入）" }
}

/// An import that wrote nothing: each bad row and cell with the rule it broke (第3行 C列「日期」：格式应为 YYYY-MM-DD).
public struct ImportFailure: Error, Sendable {
    public let problems: [String]
}
