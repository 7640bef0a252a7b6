import Foundation

/// The fair rotation of legal-aid lawyers (轮流指派) and the conflict check: who is next for a matter, and whether a
/// lawyer may take a case.
public enum LegalAidRotation {
    /// A lawyer of the centre's register as the rotation sees them.
    public struct Candidate: Hashable, Sendable {
        public var id: UUID
        public var name: String
        /// The kinds of matter they declared.
        public var areas: [LegalAidMatter]
        /// The last day the practising licence is valid.
        public var licenceValidTo: CivilDate
        /// Cases assigned to them this year, and the day of the latest.
        public var assignedThisYear: Int
        public var lastAssignedOn: CivilDate?
        /// The parties (names) of their open aid cases: the aided person and the other side, by case.
        public var openCases: [Parties]

        public init(id: UUID, name: String, areas: [LegalAidMatter], licenceValidTo: CivilDate, assignedThisYear: Int = 0,
                    lastAssignedOn: CivilDate? = nil, openCases: [Parties] = []) {
            self.id = id
            self.name = name
            self.areas = areas
            self.licenceValidTo = licenceValidTo
            self.assignedThisYear = assignedThisYear
            self.lastAssignedOn = lastAssignedOn
            self.openCases = openCases
        }
    }

    /// The two sides of a case, by name.
    public struct Parties: Hashable, Sendable {
        public var aided: [String]
        public var opposing: [String]

        public init(aided: [String], opposing: [String]) {
            self.aided = aided
            self.opposing = opposing
        }
    }

    /// Why a lawyer may not take the case, or nil.
    public static func bar(_ lawyer: Candidate, matter: LegalAidMatter, parties: Parties, on day: CivilDate) -> String? {
        if lawyer.licenceValidTo < day {
            return "\(lawyer.name)的执业证有效期已于\(lawyer.licenceValidTo.chinese)届满，不能指派"
        }
        if !lawyer.areas.contains(matter) {
            return "\(lawyer.name)未申报承办\(matter.label)类法律援助案件"
        }
        for open in lawyer.openCases {
            let crossed = Set(open.opposing).intersection(parties.aided).union(Set(open.aided).intersection(parties.opposing))
            if let name = crossed.sorted().first {
                return "\(lawyer.name)正在为另一方办理法律援助案件（涉及当事人\(name)），存在利益冲突，不能指派（《中华人民共和国律师法》第三十九条）"
            }
        }
        return nil
    }

    /// The lawyers who may take the case, in rotation order: fewest cases this year first, then the longest since the
    /// last one (never assigned first), then by name — so the same register always gives the same order.
    public static func order(_ lawyers: [Candidate], matter: LegalAidMatter, parties: Parties, on day: CivilDate) -> [Candidate] {
        lawyers.filter { bar($0, matter: matter, parties: parties, on: day) == nil }.sorted { a, b in
            if a.assignedThisYear != b.assignedThisYear { return a.assignedThisYear < b.assignedThisYear }
            if a.lastAssignedOn != b.lastAssignedOn {
                guard let left = a.lastAssignedOn else { return true }
                guard let right = b.lastAssignedOn else { return false }
                return left < right
            }
            return a.name == b.name ? a.id.uuidString < b.id.uuidString : a.name < b.name
        }
    }
}
