/// 案卷质量评查: the checklist a closed legal-aid case is scored on (法律援助法第五十七条: the centre supervises the
/// quality of the service), each item with its most points, 100 in all. A review scores every item; its score is the sum.
public enum LegalAidQualityChecklist {
    public struct Item: Hashable, Sendable {
        /// The field an item's points are given in (API, form, event).
        public let code: String
        public let label: String
        /// The most points the item gives.
        public let points: Int
    }

    public static let items: [Item] = [
        Item(code: "intake", label: "受理审查规范（材料齐全、决定及时、告知到位）", points: 15),
        Item(code: "assignment", label: "指派及时，指派文书齐全", points: 10),
        Item(code: "contact", label: "及时会见、阅卷或与受援人联系，调查取证", points: 20),
        Item(code: "opinion", label: "辩护、代理意见正确，依法维护受援人权益", points: 30),
        Item(code: "closing", label: "结案及时，结案材料完整规范", points: 15),
        Item(code: "feedback", label: "受援人满意度回访", points: 10),
    ]

    /// The total of `scores`, every item scored within its points; otherwise the first item missing or out of range,
    /// named by its field.
    public static func total(_ scores: [String: Int]) throws(TransitionError) -> Int {
        var total = 0
        for item in items {
            guard let score = scores[item.code], (0...item.points).contains(score) else {
                throw TransitionError(code: "checklist_item", message: "评查项目“\(item.label)”须评0至\(item.points)分", field: item.code)
            }
            total += score
        }
        return total
    }
}
