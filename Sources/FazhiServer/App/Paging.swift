import Vapor

/// A query parameter that is malformed or out of its bounds: 400 with the field and the rule.
struct QueryParameterError: Error, Sendable {
    let field: String
    let message: String
}

/// One page of a list, parsed from the `page` query parameter through one bounded type, so that
/// `(page - 1) * size` can never overflow whatever a client sends (STYLE.md: no arithmetic on unbounded input).
struct Paging: Sendable, Equatable {
    /// No list offers more pages than this; a bureau's largest list (10⁶ cases at 50 a page) needs 20,000.
    static let maximumPage = 100_000
    static let field = "page"

    let page: Int
    let size: Int

    init(page: Int = 1, size: Int) {
        precondition((1...Self.maximumPage).contains(page) && (1...ListWorkbook.maximumRows).contains(size))
        self.page = page
        self.size = size
    }

    var offset: Int { (page - 1) * size }
    var range: Range<Int> { offset..<(offset + size) }

    /// The `page` parameter: absent or empty → the first page; anything but a whole number 1…`maximumPage` → 400.
    static func parse(_ text: String?, size: Int) throws -> Paging {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return Paging(size: size) }
        guard text.utf8.count <= 6, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let page = Int(text),
              (1...maximumPage).contains(page)
        else {
            throw QueryParameterError(field: field, message: "页码应为 1 至 \(maximumPage) 之间的整数")
        }
        return Paging(page: page, size: size)
    }

    static func from(_ req: Request, size: Int) throws -> Paging {
        try parse(req.query[String.self, at: field], size: size)
    }
}
