/// Every figure of REPORT.md the registered lines declare, with its stable key, in the order of the report
/// (`AnnualReportOutline.metrics`). The report shows a metric only when its line provides a computation (never a
/// typed figure).
public struct MetricCatalogue: Sendable {
    public let all: [Metric]
    private let index: [String: Metric]

    public init(_ metrics: [Metric]) {
        self.all = metrics
        self.index = Dictionary(metrics.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func metric(_ key: String) -> Metric? { index[key] }
}
