import Fluent
import FazhiCore
import FazhiOffice
import Vapor

/// 行政执法监督整改通知书: the notice a finding sends the agency — the inspection, the problem, the deadline and where to
/// report — laid out per GB/T 9704 by the shared `DocxWriter`, in the bureau's name.
enum EnforcementNotice {
    static let kind = "rectificationNotice"
    static let title = "行政执法监督整改通知书"

    static func document(organ: String, number: String, agency: String, heldOn: CivilDate, topic: String, inspection: InspectionKind,
                         category: String, description: String, dueOn: CivilDate) -> OfficialDocument {
        OfficialDocument(
            kind: title, organ: organ, number: number, addressee: "\(agency)：",
            body: [
                .paragraph("\(heldOn.chinese)，\(organ)对你单位开展了“\(topic)”\(inspection.label)。经查，你单位存在以下问题："),
                .list(["\(description)（\(category)）"]),
                .paragraph("请你单位对照问题认真整改，于\(dueOn.chinese)前完成整改，并将整改情况书面报送\(organ)行政执法协调监督科。"
                    + "逾期未整改或者整改不到位的，将依照行政执法监督的有关规定予以处理。"),
            ],
            closing: .init(organ: organ, date: .init(heldOn), sealNote: "（印章）"))
    }

    static func document(for finding: EnforcementFinding, on db: Database) async throws -> OfficialDocument {
        guard let inspection = try await EnforcementInspection.find(finding.inspectionID, on: db),
              let agency = try await Org.find(finding.$org.id, on: db),
              let heldOn = CivilDate(string: finding.notifiedOn), let dueOn = CivilDate(string: finding.dueOn)
        else { throw Abort(.notFound) }
        return document(organ: try await bureauName(of: inspection.$org.id, on: db), number: finding.noticeNumber, agency: agency.name, heldOn: heldOn,
                        topic: inspection.topic, inspection: InspectionKind(rawValue: inspection.kind) ?? .special,
                        category: EnforcementSupervisionRules.categoryLabel(finding.category) ?? finding.category,
                        description: finding.description, dueOn: dueOn)
    }

    /// The bureau above (or at) the office that held the inspection.
    static func bureauName(of orgID: UUID, on db: Database) async throws -> String {
        var next: UUID? = orgID
        var last = ""
        for _ in 0..<8 {
            guard let id = next, let org = try await Org.find(id, on: db) else { break }
            last = org.name
            if org.kind == .bureau { return org.name }
            next = org.$parent.id
        }
        return last
    }

    /// For the layout test that prints every kind of document.
    static let instrumentKind = InstrumentKind(line: .enforcementSupervision, kind: kind, title: title) {
        document(organ: "河东区司法局", number: EnforcementWork.noticeNumber(year: 2024, serial: 12), agency: "河东区市场监督管理局",
                 heldOn: CivilDate(year: 2024, month: 5, day: 20)!, topic: "餐饮行业行政检查", inspection: .special, category: "执法程序",
                 description: "抽查的12卷行政处罚案卷中，3卷未在作出处罚决定前告知当事人陈述、申辩的权利。", dueOn: CivilDate(year: 2024, month: 6, day: 19)!)
    }
}
