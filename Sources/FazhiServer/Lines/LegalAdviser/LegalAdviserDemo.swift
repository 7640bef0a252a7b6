import Fluent
import FazhiCore
import Vapor

/// The demo district's advisers and public lawyers at the reference report's scale: a group of 17 advisers with about
/// 718 participations a year, and 81 public lawyers in the 38 units that should have one (全覆盖). Loaded through the
/// books' writer, the write path of an import, at the bureau's 法治调研科.
struct LegalAdviserDemo {
    let demo: DemoCases

    static let officeCode = "\(DemoData.bureauCode)-FZ"

    static let units: [(String, String)] = [
        ("中共天津市河东区委办公室", "党委部门"), ("中共天津市河东区委组织部", "党委部门"), ("中共天津市河东区委宣传部", "党委部门"),
        ("中共天津市河东区委统战部", "党委部门"), ("中共天津市河东区委政法委员会", "党委部门"), ("河东区纪委监委", "党委部门"),
        ("河东区人民政府办公室", "政府部门"), ("河东区发展和改革委员会", "政府部门"), ("河东区教育局", "政府部门"),
        ("河东区科学技术局", "政府部门"), ("河东区工业和信息化局", "政府部门"), ("河东区民政局", "政府部门"),
        ("河东区司法局", "政府部门"), ("河东区财政局", "政府部门"), ("河东区人力资源和社会保障局", "政府部门"),
        ("河东区住房和建设委员会", "政府部门"), ("河东区城市管理委员会", "政府部门"), ("河东区生态环境局", "政府部门"),
        ("河东区商务局", "政府部门"), ("河东区文化和旅游局", "政府部门"), ("河东区卫生健康委员会", "政府部门"),
        ("河东区退役军人事务局", "政府部门"), ("河东区应急管理局", "政府部门"), ("河东区审计局", "政府部门"),
        ("河东区市场监督管理局", "政府部门"), ("河东区医疗保障局", "政府部门"), ("河东区信访办公室", "政府部门"),
        ("河东区总工会", "群团机关"), ("共青团天津市河东区委员会", "群团机关"), ("河东区妇女联合会", "群团机关"),
    ] + DemoData.streets.prefix(8).map { ("河东区\($0)办事处", "街道") }

    func load(random: inout DemoRandom) async throws -> [String] {
        let db = demo.db, today = demo.today
        guard let office = try await Org.query(on: db).filter(\.$code == Self.officeCode).first() else { return [] }
        let actor = AuditActor.command("demo")
        let account = try await demo.user("guwen")
        let scope = try await Scope.load(userID: account.id!, on: db)
        for (name, category) in Self.units {
            _ = try await LegalAdviserCoverage.add(.init(name: name, category: category), scope: scope, actor: actor, on: db)
        }
        let start = CivilDate(year: today.year - 1, month: 1, day: 1)!
        let firms = DemoData.lawFirms.map(\.1) + ["天津津南律师事务所", "南开大学法学院", "天津商业大学法学院"]
        var advisers: [[String: String]] = [], names: Set<String> = []
        for index in 0..<17 {
            advisers.append(["name": DemoPeople.personName(&random, distinctFrom: &names), "employer": firms[index % firms.count],
                             "activeFrom": CivilDate(year: today.year - 3, month: 1, day: 1)!.description])
        }
        // 81 public lawyers: two in most units, three in a few, one in the rest.
        var lawyers: [[String: String]] = []
        for (index, unit) in Self.units.enumerated() {
            let count = index < 5 ? 3 : 2   // 5 × 3 + 33 × 2 = 81
            for _ in 0..<count where lawyers.count < 81 {
                lawyers.append(["name": DemoPeople.personName(&random, distinctFrom: &names), "unit": unit.0,
                                "certificate": "3120120" + String(2_000_000_000 + lawyers.count * 7_321),
                                "activeFrom": start.adding(days: -random.int(30...900)).description])
            }
        }
        var participations: [[String: String]] = []
        let matters = ["区政府合同合法性审查", "重大行政决策法律论证", "区政府常务会议列席", "信访事项法律意见", "行政应诉案件研讨",
                       "招商引资协议审查", "规范性文件草案论证", "政府信息公开答复审查"]
        let perYear = max(1, Int((718 * demo.scale).rounded()))
        for year in [today.year - 1, today.year] {
            let yearStart = CivilDate(year: year, month: 1, day: 2)!
            for index in 0..<perYear {
                let day = yearStart.adding(days: index * 360 / perYear)
                guard day <= today else { break }
                participations.append(["occurredOn": day.description, "adviser": random.pick(advisers)["name"]!,
                                       "title": "\(random.pick(matters))（第\(index + 1)件）",
                                       "form": random.pick(LegalAdviserBooks.participationForms), "note": ""])
            }
        }
        try await write(LegalAdviserBooks.advisers, advisers, office: office.id!)
        try await write(LegalAdviserBooks.publicLawyers, lawyers, office: office.id!)
        try await write(LegalAdviserBooks.participations, participations, office: office.id!)
        return ["法律顾问 \(advisers.count) 名（参与法制工作 \(participations.count) 件次）",
                "公职律师 \(lawyers.count) 名（\(Self.units.count) 家应设单位）"]
    }

    private func write(_ kind: any BookKind, _ values: [[String: String]], office: UUID) async throws {
        let rows = values.enumerated().map { SheetValidator.Row(number: $0.offset + 1, values: $0.element, naturalKey: kind.naturalKey(of: $0.element)) }
        try await demo.db.transaction { tx in
            try await BookWriter(db: tx, kind: kind, org: office, actor: .command("demo")).insertLogged(rows)
        }
    }
}
