import Foundation

/// 谁执法谁普法 (《关于实行国家机关“谁执法谁普法”普法责任制的意见》, 中办发〔2017〕31号; local practice, unverified):
/// each agency reports yearly on its publicity duty, and the publicity office reviews the report with a score and comments,
/// from which the agencies are ranked. The checks of a submission and of a review, each naming its field.
public enum DutyReportRules {
    /// The longest report text kept as typed (a report longer than this is attached as a file).
    public static let maxText = 20_000
    public static let maxTitle = 200
    public static let maxComments = 1_000
    public static let scores = 0...100

    public struct Submission: Sendable, Equatable {
        public let year: Int
        public let title: String
        public let text: String
    }

    /// The year (2000–2100, not after `today`'s), a title and the report's text, each within its length; every broken rule.
    public static func submission(year: String?, title: String?, text: String?, today: CivilDate) throws(ValidationErrors) -> Submission {
        var errors = ValidationErrors()
        let year = year.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if year == nil || !(2000...today.year).contains(year!) {
            errors.add("year", "报告年度须为2000至\(today.year)之间的年份")
        }
        let title = (title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { errors.add("title", "请填写报告标题") }
        if title.count > maxTitle { errors.add("title", "报告标题不能超过\(maxTitle)字") }
        let text = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { errors.add("text", "请填写履职报告正文（可另附文件）") }
        if text.count > maxText { errors.add("text", "履职报告正文不能超过\(maxText)字，较长的报告请作为附件上传") }
        guard errors.isEmpty else { throw errors }
        return Submission(year: year!, title: title, text: text)
    }

    /// Who stored a report: the agency itself, or the office above it entering a report the agency kept on paper.
    public enum Submitter: String, Sendable {
        case agency
        case office
    }

    /// 谁执法谁普法 makes the report the agency's own duty: the office above may enter one on paper for an agency that has not
    /// submitted (and correct what it entered), but never overwrite a report the agency submitted itself; the agency may
    /// replace either. Refused on `orgID`, naming the rule; `existing` is nil when the agency has no report for the year.
    public static func replacement(of existing: Submitter?, by submitter: Submitter, agency: String, year: Int) throws(FieldError) {
        guard existing == .agency, submitter == .office else { return }
        throw FieldError(field: "orgID", message: "\(agency)已自行提交\(year)年度履职报告，普法主管部门只能为未提交的单位代为录入，不能修改单位自行提交的报告")
    }

    public struct Review: Sendable, Equatable {
        public let score: Int
        public let comments: String
    }

    /// A score of 0–100 and comments within their length (required: the ranking shows why).
    public static func review(score: String?, comments: String?) throws(ValidationErrors) -> Review {
        var errors = ValidationErrors()
        let score = score.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if score == nil || !scores.contains(score!) { errors.add("score", "评议得分须为\(scores.lowerBound)至\(scores.upperBound)之间的整数") }
        let comments = (comments ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if comments.isEmpty { errors.add("comments", "请填写评议意见") }
        if comments.count > maxComments { errors.add("comments", "评议意见不能超过\(maxComments)字") }
        guard errors.isEmpty else { throw errors }
        return Review(score: score!, comments: comments)
    }

    /// Ranks by score, highest first; equal scores share a rank (1, 2, 2, 4).
    public static func ranks(_ scores: [Int]) -> [Int] {
        var ranks: [Int] = []
        for (index, score) in scores.enumerated() {
            ranks.append(index > 0 && scores[index - 1] == score ? ranks[index - 1] : index + 1)
        }
        return ranks
    }
}
