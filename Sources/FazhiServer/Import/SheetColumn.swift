import FazhiCore

/// One column of a spreadsheet the staff import — a book kind's (ledger or register) or a case registration's
/// (`CaseRegistration.sheetColumns`): what the staff see as the header of the template, how a cell is read, and the
/// example written under it. Columns named `occurredOn`, `title`, `quantity` (ledgers) or
/// `name`, `activeFrom`, `activeTo` (registers) are stored in the table's own columns, so they can be
/// indexed and summed; every other column is kept in the entry's `fields` JSON.
struct SheetColumn: Sendable {
    enum ColumnType: Sendable, Equatable {
        case text
        case date
        case int
        /// Yuan, at most two decimals.
        case money
        /// 是 / 否.
        case bool
        case choice([String])
        /// A choice whose options come from a list kept as data (`ChoiceListDeclaration`, by code): read when the kind
        /// is used (`ChoiceLists.resolve` turns it into `.choice` of the list's active options).
        case list(String)
        /// 统一社会信用代码, checked by `CreditCode` (GB 32100) in Core.
        case creditCode
    }

    let name: String
    /// The Chinese header, exactly as the template writes it and the importer looks it up.
    let header: String
    let type: ColumnType
    let required: Bool
    let example: String

    init(_ name: String, _ header: String, _ type: ColumnType = .text, required: Bool = false, example: String) {
        self.name = name
        self.header = header
        self.type = type
        self.required = required
        self.example = example
    }

    /// The rule the staff see in the form's hint and in an import error.
    var rule: String {
        switch type {
        case .text: "文本，不超过\(Self.maximumTextLength)个字符"
        case .date: "格式应为 YYYY-MM-DD"
        case .int: "应为非负整数"
        case .money: "应为金额（元），最多两位小数"
        case .bool: "应填写“是”或“否”"
        case .choice(let options): "应为以下之一：" + options.joined(separator: "、")
        case .list: "应为选项目录中在用的选项之一"
        case .creditCode: "应为18位统一社会信用代码"
        }
    }

    static let maximumTextLength = 200
}
