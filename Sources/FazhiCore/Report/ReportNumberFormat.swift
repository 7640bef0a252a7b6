/// Writes figures the way an annual report on rule-of-law government does (REPORT.md "Writing figures").
///
/// - Counts carry their measure word and no thousands separator: 673件, 718件次, 24888次.
/// - An approximate count (`Metric.approximate`) of 100 or more keeps its two leading digits and adds 余 when
///   anything was dropped: 100–109 → 100余, 115 → 110余, 4319 → 4300余; 110 and 4300 stay exact. Under 100 it is exact.
/// - Money is in yuan. Approximate money of 100,000 yuan or more is floored to whole 万 (4,731,234 → 473万余元);
///   from 10,000 to 99,999 yuan to a tenth of 万 (15,300 → 1.5万余元); under 10,000 yuan it is exact (8500元).
///   A figure with nothing dropped has no 余 (4,730,000 → 473万元). Exact money is written in 万 when it is a whole
///   number of 万 (473万元) and otherwise in yuan, with fen only when there are some (4731234元, 8500.5元).
/// - Rates are percentages with at most one decimal, a trailing .0 dropped (100%, 98.6%). Rounding never claims
///   100% or 0% that is not exact: 999/1000 is 99.9%, 1/10000 is 0.1%. A rate over nothing (0/0) is "—".
/// - Dates as 2025年1月17日 (`CivilDate.chinese`).
public enum ReportNumberFormat {
    /// What is written for a rate with nothing to divide by (0/0), in tables and on the dashboard.
    /// The draft's prose leaves such a rate out instead (see `AnnualReportDraft.unstatedKeys`).
    public static let undefinedRate = "—"

    /// The figure of `metric` as the report writes it, with the metric's measure word and approximation.
    public static func figure(_ figure: MetricFigure, of metric: Metric) -> String {
        switch figure {
        case .count(let count): self.count(count, measureWord: metric.measureWord, approximate: metric.approximate)
        case .rate(let numerator, let denominator): rate(numerator: numerator, denominator: denominator)
        case .money(let yuan): money(yuan: yuan, approximate: metric.approximate)
        }
    }

    /// 673件; approximate: 100余场次.
    public static func count(_ count: Int, measureWord: String, approximate: Bool = false) -> String {
        guard approximate, count >= 100 else { return "\(count)\(measureWord)" }
        var unit = 1
        while count / unit >= 100 { unit *= 10 }
        let floored = count / unit * unit
        return floored == count ? "\(count)\(measureWord)" : "\(floored)余\(measureWord)"
    }

    /// 473万余元 (approximate), 473万元, 4731234元, 8500元.
    public static func money(yuan: Double, approximate: Bool = false) -> String {
        let fen = Int((yuan * 100).rounded())
        let fenPerWan = 1_000_000
        guard fen >= 0 else { return "\(decimal(fen, scale: 100))元" }
        if approximate, fen >= 10 * fenPerWan {
            let wan = fen / fenPerWan
            return "\(wan)万\(fen % fenPerWan == 0 ? "" : "余")元"
        }
        if approximate, fen >= fenPerWan {
            let tenthsOfWan = fen / (fenPerWan / 10)
            return "\(decimal(tenthsOfWan, scale: 10))万\(fen % (fenPerWan / 10) == 0 ? "" : "余")元"
        }
        if fen >= fenPerWan, fen % fenPerWan == 0 { return "\(fen / fenPerWan)万元" }
        return "\(decimal(fen, scale: 100))元"
    }

    /// 574/574 → 100%; 0/0 → "—".
    public static func rate(numerator: Int, denominator: Int) -> String {
        guard denominator != 0 else { return undefinedRate }
        return rate(Double(numerator) / Double(denominator))
    }

    /// 1.0 → 100%, 0.986 → 98.6%, nil → "—".
    public static func rate(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return undefinedRate }
        var permille = Int((fraction * 1000).rounded())
        if permille >= 1000, fraction < 1 { permille = 999 }
        if permille <= 0, fraction > 0 { permille = 1 }
        return "\(decimal(permille, scale: 10))%"
    }

    /// 2025年1月17日.
    public static func date(_ date: CivilDate) -> String { date.chinese }

    /// `value / scale` in decimal, without trailing zeros: (98_6, 10) → 98.6, (1000, 10) → 100, (850_050, 100) → 8500.5.
    private static func decimal(_ value: Int, scale: Int) -> String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let whole = magnitude / UInt(scale)
        var part = magnitude % UInt(scale)
        guard part != 0 else { return "\(sign)\(whole)" }
        var width = String(scale).count - 1
        while part % 10 == 0 { part /= 10; width -= 1 }
        let digits = String(part)
        return "\(sign)\(whole).\(String(repeating: "0", count: width - digits.count))\(digits)"
    }
}
