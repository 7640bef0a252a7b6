import FazhiCore

/// A line's panel on the dashboard, as values: a title and its blocks (a month-by-month chart, a table), every number
/// carrying the link to the records behind it. The line counts; `DashboardView` draws.
struct DashboardPanel: Sendable, Equatable {
    /// One cell of a panel's table: its text and, for a figure, the records it links to.
    struct Cell: Sendable, Equatable {
        let text: String
        var link: String? = nil
    }

    enum Block: Sendable, Equatable {
        /// Twelve monthly values (January first), each linking to that month's records.
        case months(title: String, values: [Int], links: [String])
        case table(headers: [String], rows: [[Cell]], empty: String)
    }

    let title: String
    let blocks: [Block]
}
