import Fluent
import FazhiCore
import Vapor

/// The demo bureau: 河东区司法局 of the reference report, its offices, street stations, committees, agencies and
/// one account per role (password `fazhi-demo`). Loading is idempotent: what exists (by code or username) is kept.
/// A demo account: username, display name, org code, role and the line of the grant.
typealias DemoAccount = (username: String, name: String, org: String, role: Role, line: WorkLine?)
/// A demo org a line declares: code, name, kind and the code of its parent.
typealias DemoOrg = (code: String, name: String, kind: OrgKind, parent: String)

struct DemoData {
    static let password = "fazhi-demo"
    static let bureauCode = "120102"

    /// The streets of 河东区; each has a judicial station and a service station (and the committees its lines declare).
    static let streets = [
        "大王庄街道", "大直沽街道", "中山门街道", "富民路街道", "二号桥街道", "春华街道", "唐家口街道",
        "向阳楼街道", "常州道街道", "上杭路街道", "东新街道", "鲁山道街道", "天铁街道",
    ]

    static let offices: [(String, String)] = [
        ("XF", "行政复议接待中心"), ("YS", "行政应诉科"), ("FZ", "法治调研科"), ("ZF", "行政执法协调监督科"),
        ("PF", "法治宣传科"), ("YZB", "区委依法治区办"), ("GF", "公共法律服务管理科"), ("RM", "人民参与和促进法治科"),
    ]

    static let agencies: [(String, String)] = [
        ("AG-GA", "天津市公安局河东分局"), ("AG-SJ", "河东区市场监督管理局"), ("AG-RS", "河东区人力资源和社会保障局"),
        ("AG-ZJ", "河东区住房和建设委员会"), ("AG-CG", "河东区城市管理委员会"), ("AG-ST", "河东区生态环境局"),
        ("AG-WJ", "河东区卫生健康委员会"), ("AG-JY", "河东区教育局"), ("AG-MZ", "河东区民政局"),
        ("AG-GH", "天津市规划和自然资源局河东分局"), ("AG-JT", "天津市公安局交通警察总队河东支队"),
        ("AG-ZF", "河东区人民政府"),
    ]

    static let lawFirms: [(String, String)] = [
        ("LF-01", "天津东方律师事务所"), ("LF-02", "天津海河律师事务所"), ("LF-03", "天津津东律师事务所"),
    ]

    let db: Database
    let hasher: PasswordHasher
    /// The modules whose demo accounts and slices are loaded.
    let modules: ModuleRegistry

    /// The bureau, its orgs and accounts; with `cases`, also a realistic caseload (see `DemoCases`). `city`: the city
    /// bureau the district bureau sits under (`fazhi demo --city`); nil, a bureau of its own.
    func load(cases: (calendar: WorkingCalendar, protection: DataProtection, today: CivilDate)? = nil, city: Org? = nil) async throws -> String {
        var created = (orgs: 0, users: 0)
        let bureau = try await org(Self.bureauCode, "河东区司法局", .bureau, parent: city, &created.orgs)
        for (code, name) in Self.offices {
            _ = try await org("\(Self.bureauCode)-\(code)", name, .office, parent: bureau, &created.orgs)
        }
        for (index, street) in Self.streets.enumerated() {
            let number = String(format: "%02d", index + 1)
            let station = try await org("\(Self.bureauCode)-JS\(number)", "\(street)司法所", .judicialStation, parent: bureau, &created.orgs)
            _ = try await org("\(Self.bureauCode)-FW\(number)", "\(street)公共法律服务工作站", .serviceStation, parent: station, &created.orgs)
        }
        for (code, name) in Self.agencies {
            _ = try await org("\(Self.bureauCode)-\(code)", name, .agency, parent: bureau, &created.orgs)
        }
        for (code, name) in Self.lawFirms {
            _ = try await org("\(Self.bureauCode)-\(code)", name, .lawFirm, parent: bureau, &created.orgs)
        }

        for declared in modules.demoOrgs {
            guard let parent = try await Org.query(on: db).filter(\.$code == declared.parent).first() else { continue }
            _ = try await org(declared.code, declared.name, declared.kind, parent: parent, &created.orgs)
        }

        // 法治调研科 drafts the bureau's annual report on rule-of-law government with the leaders.
        try await Setting.setDefault("report.draftingOffice.\(Self.bureauCode)", to: "\(Self.bureauCode)-FZ", on: db)
        for account in accounts {
            if try await user(account, &created.users) { continue }
        }
        var summary = "演示数据：新建机构 \(created.orgs) 个，新建用户 \(created.users) 个（已有的保持不变）"
        if let cases {
            summary += "；" + (try await DemoCases(db: db, calendar: cases.calendar, protection: cases.protection, today: cases.today, modules: modules).load())
        }
        return summary
    }

    /// The demo accounts, one per role, the lines' own after the bureau's leaders; listed in the README.
    var accounts: [DemoAccount] { Self.leaders + modules.demoAccounts + Self.stations }

    private static let leaders: [DemoAccount] = [
        ("admin", "系统管理员", "120102", .admin, nil),
        ("leader", "王局长", "120102", .leader, nil),
    ]

    private static let stations: [DemoAccount] = [
        ("chunhua", "春华所刘所长", "120102-JS06", .stationStaff, nil),
        ("dawangzhuang", "大王庄所陈所长", "120102-JS01", .stationStaff, nil),
        ("viewer", "孙查看", "120102", .viewer, nil),
    ]

    func org(_ code: String, _ name: String, _ kind: OrgKind, parent: Org?, _ count: inout Int) async throws -> Org {
        if let existing = try await Org.query(on: db).filter(\.$code == code).first() { return existing }
        let org = Org(code: code, name: name, kind: kind, parent: parent)
        try await db.transaction { tx in
            try await org.create(on: tx)
            try await AuditLog.record(on: tx, actor: .command("demo"), action: "create", entityType: "org",
                                      entityID: org.id!.uuidString, before: nil, after: org.snapshot)
        }
        count += 1
        return org
    }

    /// Creates the account unless it exists; returns whether it existed.
    func user(_ account: DemoAccount, _ count: inout Int) async throws -> Bool {
        if try await User.query(on: db).filter(\.$username == account.username).first() != nil { return true }
        guard let org = try await Org.query(on: db).filter(\.$code == account.org).first() else { return false }
        let input = UserAccounts.Input(username: account.username, displayName: account.name, password: Self.password,
                                       orgID: org.id!.uuidString, role: account.role.rawValue, line: account.line?.rawValue)
        _ = try await UserAccounts(db: db, actor: .command("demo"), hasher: hasher).create(input, scope: nil)
        count += 1
        return false
    }
}
