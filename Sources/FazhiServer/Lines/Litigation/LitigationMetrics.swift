import Fluent
import FazhiCore
import Vapor

/// The head-appearance rate (法释〔2020〕3号): hearings where an agency head appeared / hearings held.
enum LitigationMetrics {
    struct Row: Content {
        let agencyID: UUID?
        let name: String
        let hearings: Int
        let appeared: Int
        var rate: Double? { hearings == 0 ? nil : Double(appeared) / Double(hearings) }
        var rateText: String { rate.map { String(format: "%.1f%%", $0 * 100).replacingOccurrences(of: ".0%", with: "%") } ?? "—" }
    }

    struct Appearance: Content {
        let year: Int
        let district: Row
        let agencies: [Row]
    }

    static let headAppearanceRate = MetricComputation(key: "litigation.head_appearance_rate", rolledUp: true, records: { query in
        let ids = try await query.events(.litigation, kinds: ["holdHearing"]).map { $0.$caseRecord.id }
        return query.cases(.litigation).filter(\.$id ~~ Array(Set(ids)))
    }) { query in
        let district = try await appearance(query).district
        return .rate(numerator: district.appeared, denominator: district.hearings)
    }

    /// Hearings held in the range on cases in the org subtree, per defendant agency and for the district.
    static func appearance(_ query: ReportQuery) async throws -> Appearance {
        let events = try await query.events(.litigation, kinds: ["holdHearing"])
        let caseIDs = Array(Set(events.map { $0.$caseRecord.id }))
        let cases = try await CaseRecord.query(on: query.db).filter(\.$id ~~ caseIDs).with(\.$agency).all()
        let agencyOf = Dictionary(uniqueKeysWithValues: cases.map { ($0.id!, $0.agency) })
        var byAgency: [UUID?: (String, Int, Int)] = [:]
        var total = 0, appeared = 0
        let decoder = JSONDecoder()
        for row in events {
            guard case .holdHearing(_, let headAppeared, _, _, _, _) = try decoder.decode(LitigationEvent.self, from: Data(row.payload.utf8)) else {
                continue
            }
            let agency = agencyOf[row.$caseRecord.id] ?? nil
            var entry = byAgency[agency?.id] ?? (agency?.name ?? "（未指明）", 0, 0)
            entry.1 += 1
            if headAppeared { entry.2 += 1; appeared += 1 }
            total += 1
            byAgency[agency?.id] = entry
        }
        let rows = byAgency.map { Row(agencyID: $0.key, name: $0.value.0, hearings: $0.value.1, appeared: $0.value.2) }
            .sorted { $0.name < $1.name }
        return Appearance(year: Int(query.from.prefix(4)) ?? 0, district: Row(agencyID: nil, name: "全区", hearings: total, appeared: appeared),
                          agencies: rows)
    }
}
