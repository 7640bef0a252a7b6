import Fluent
import FazhiCore
import FazhiOffice
import Vapor

/// 行政执法监督整改通知书: the notice a finding sends the agency — the inspection, the problem, the deadline and where to
/// report — and 行政执法监督检查情况报告, an inspection's report; laid out per GB/T 9704 by the shared `DocxWriter`, in
/// the bureau's name.
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

    static let reportKind = "inspectionReport"
    static let reportTitle = "行政执法监督检查情况报告"

    /// 行政执法监督检查情况报告: what an inspection did and found, for the bureau's leaders and the file.
    static func report(organ: String, heldOn: CivilDate, topic: String, inspection: InspectionKind, agencies: [String], filesReviewed: Int,
                       participants: String, supervisors: [String], findings: [(agency: String, category: String, text: String, notice: String)])
        -> OfficialDocument {
        var body: [OfficialDocument.Block] = [
            .heading(level: 1, text: "基本情况"),
            .paragraph("\(heldOn.chinese)，\(organ)对\(agencies.joined(separator: "、"))开展了“\(topic)”\(inspection.label)，"
                + "评查行政执法案卷\(filesReviewed)卷。" + (participants.isEmpty ? "" : "参加人员：\(participants)。")
                + (supervisors.isEmpty ? "" : "邀请区行政执法企业家监督员\(supervisors.joined(separator: "、"))参与监督。")),
            .heading(level: 1, text: "发现的问题"),
        ]
        if findings.isEmpty {
            body.append(.paragraph("本次监督检查未发现需要整改的问题。"))
        } else {
            body.append(.list(findings.map { "\($0.agency)：\($0.text)（\($0.category)，已制发\($0.notice)）" }))
        }
        body.append(.heading(level: 1, text: "整改要求"))
        body.append(.paragraph(findings.isEmpty ? "请各被监督单位继续规范行政执法行为。"
            : "已向被监督单位制发整改通知书，明确整改期限；行政执法协调监督科将跟踪整改情况并组织验收。"))
        return OfficialDocument(kind: reportTitle, organ: organ, body: body, closing: .init(organ: organ, date: .init(heldOn)))
    }

    static func report(for inspection: EnforcementInspection, on db: Database) async throws -> OfficialDocument {
        guard let heldOn = CivilDate(string: inspection.heldOn) else { throw Abort(.notFound) }
        let agencyIDs = try await InspectedAgency.query(on: db).filter(\.$inspectionID == inspection.id!).all().map(\.agencyID)
        let findings = try await EnforcementFinding.query(on: db).filter(\.$inspectionID == inspection.id!).sort(\.$noticeNumber).all()
        let names = try await EnforcementQueries.agencyNames(Set(agencyIDs + findings.map(\.$org.id)), on: db)
        let supervisors = try await InspectionSupervisor.query(on: db).filter(\.$inspectionID == inspection.id!).sort(\.$name).all().map(\.name)
        return report(organ: try await bureauName(of: inspection.$org.id, on: db), heldOn: heldOn, topic: inspection.topic,
                      inspection: InspectionKind(rawValue: inspection.kind) ?? .special, agencies: agencyIDs.compactMap { names[$0] }.sorted(),
                      filesReviewed: inspection.filesReviewed, participants: inspection.participants, supervisors: supervisors,
                      findings: findings.map { ($0.$org.id, $0) }.map { agency, finding in
                          (names[agency] ?? "", EnforcementSupervisionRules.categoryLabel(finding.category) ?? finding.category, finding.description,
                           finding.noticeNumber)
                      })
    }

    static let reportInstrumentKind = InstrumentKind(line: .enforcementSupervision, kind: reportKind, title: reportTitle) {
        report(organ: "河东区司法局", heldOn: CivilDate(year: 2024, month: 5, day: 20)!, topic: "餐饮行业行政检查", inspection: .joint,
               agencies: ["河东区市场监督管理局", "河东区城市管理委员会"], filesReviewed: 24, participants: "行政执法协调监督科执法监督人员",
               supervisors: ["周建国", "吴海燕"],
               findings: [("河东区市场监督管理局", "执法程序", "抽查的12卷行政处罚案卷中，3卷未在作出处罚决定前告知当事人陈述、申辩的权利。",
                           EnforcementWork.noticeNumber(year: 2024, serial: 12))])
    }

    /// For the layout test that prints every kind of document.
    static let instrumentKind = InstrumentKind(line: .enforcementSupervision, kind: kind, title: title) {
        document(organ: "河东区司法局", number: EnforcementWork.noticeNumber(year: 2024, serial: 12), agency: "河东区市场监督管理局",
                 heldOn: CivilDate(year: 2024, month: 5, day: 20)!, topic: "餐饮行业行政检查", inspection: .special, category: "执法程序",
                 description: "抽查的12卷行政处罚案卷中，3卷未在作出处罚决定前告知当事人陈述、申辩的权利。", dueOn: CivilDate(year: 2024, month: 6, day: 19)!)
    }
}
